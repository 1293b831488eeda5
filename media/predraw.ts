/**
 * The page the build draws the bundled notes' diagrams in (esbuild.mjs, test/harness/predrawDiagrams.ts): the same
 * renderer and settings as a note's webview, in headless Chromium, so a bundled note shows them on its first open.
 * Never shipped.
 */
import type { Predrawn } from '../src/core/svgCacheName';
import { renderDiagram } from './mermaidRenderer';
import type { ThemeKind } from './theme';

/** The class VS Code puts on a webview's body for each theme kind, which the renderer reads. */
const BODY_CLASS: Record<ThemeKind, string> = {
  light: 'vscode-light',
  dark: 'vscode-dark',
  'high-contrast': 'vscode-high-contrast',
  'high-contrast-light': 'vscode-high-contrast-light',
};

/**
 * Mermaid jitters some strokes at random (rough.js): the same seed before each diagram keeps a build's drawings the
 * same from one build to the next. A page of the build only; a webview keeps the browser's own.
 */
function seedRandom(): void {
  let state = 0x2545f491;
  Math.random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function predraw(sources: string[], theme: ThemeKind): Promise<Predrawn[]> {
  document.body.className = BODY_CLASS[theme];
  const drawn: Predrawn[] = [];
  for (const source of sources) {
    seedRandom();
    // A diagram mermaid cannot draw is left to the note, which shows its error in place.
    const svg = await renderDiagram(source, theme, () => true).catch(() => undefined);
    const box = svg ? new DOMParser().parseFromString(svg, 'image/svg+xml').querySelector('svg')?.viewBox.baseVal : undefined;
    drawn.push(svg && box && box.width > 0 && box.height > 0 ? { svg, width: box.width, height: box.height } : null);
  }
  return drawn;
}

(window as unknown as { nexusPredraw: typeof predraw }).nexusPredraw = predraw;
