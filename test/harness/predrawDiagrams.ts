/**
 * Part of the production build (esbuild.mjs bundles and runs it): draws every mermaid diagram of the bundled notes in
 * the light and dark theme kinds, in headless Chromium with the webview's own renderer, into dist/diagrams, named as the SVG cache
 * names its files. A bundled note then shows its diagrams with its text on a first open, without mermaid.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { splitFrontMatter } from '../../src/core/frontMatter';
import { renderNote } from '../../src/core/renderNote';
import { svgCacheName, type Predrawn } from '../../src/core/svgCacheName';
import { launchChromium } from './browser';

/**
 * The two kinds most learners use. All four made the .vsix 2.89 MB of its 3 MB budget (mermaid repeats its
 * stylesheet in every SVG); high contrast draws on first open, then from the learner's own cache.
 */
const THEMES = ['light', 'dark'] as const;
/** VS Code's own `--vscode-font-family` on Linux, which the renderer passes to mermaid. */
const FONT_FAMILY = 'system-ui, "Ubuntu", "Droid Sans", sans-serif';

export interface PredrawOptions {
  /** content/topics */
  topicsDir: string;
  /** The bundled page (media/predraw.ts) and its chunks. */
  pageDir: string;
  outDir: string;
  mermaidVersion: string;
}

/** Each distinct diagram of the notes under `topicsDir`, by the source hash the note renderer gives it. */
export function bundledDiagrams(topicsDir: string): Map<string, string> {
  const diagrams = new Map<string, string>();
  for (const file of fs.readdirSync(topicsDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.md')).sort()) {
    const { body, bodyLine } = splitFrontMatter(fs.readFileSync(path.join(topicsDir, file), 'utf8'));
    const { html } = renderNote({ file: `file:///${file}`, body, bodyLine }, { topicIdForFile: () => undefined, hasTopic: () => true });
    for (const [, hash, source] of html.matchAll(/<div class="nexus-diagram" data-diagram="(\w+)"[^>]*><pre class="nexus-diagram-source">([^<]*)<\/pre>/g)) {
      diagrams.set(hash, unescapeHtml(source));
    }
  }
  return diagrams;
}

function unescapeHtml(text: string): string {
  const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => entities[entity]);
}

/** Serves the page's folder on a loopback port (module scripts do not load from file://). */
async function servePage(pageDir: string): Promise<{ url: string; close(): void }> {
  const server = http.createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (name === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style='--vscode-font-family: ${FONT_FAMILY}'><script type="module" src="/predraw.js"></script></body></html>`);
      return;
    }
    const file = path.join(pageDir, path.normalize(name));
    if (!file.startsWith(pageDir + path.sep) || !fs.existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/javascript' });
    response.end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

/** A build must end: mermaid drawing all the notes' diagrams in one theme takes a few seconds. */
const THEME_TIMEOUT_MS = 120_000;

export async function predrawDiagrams(options: PredrawOptions): Promise<{ diagrams: number; files: number; bytes: number; failed: string[] }> {
  const diagrams = bundledDiagrams(options.topicsDir);
  const hashes = [...diagrams.keys()];
  fs.rmSync(options.outDir, { recursive: true, force: true });
  fs.mkdirSync(options.outDir, { recursive: true });
  const page = await servePage(path.resolve(options.pageDir));
  const browser = await launchChromium();
  let files = 0;
  let bytes = 0;
  const failed: string[] = [];
  try {
    const tab = await browser.newPage();
    await tab.goto(page.url);
    await tab.waitForFunction(() => 'nexusPredraw' in window);
    for (const theme of THEMES) {
      const drawing = tab.evaluate(
        ([sources, kind]) => (window as unknown as { nexusPredraw(s: string[], t: string): Promise<Predrawn[]> }).nexusPredraw(sources, kind),
        [hashes.map((hash) => diagrams.get(hash) ?? ''), theme] as const,
      );
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`drawing in ${theme} took over ${THEME_TIMEOUT_MS} ms`)), THEME_TIMEOUT_MS).unref());
      const drawn = await Promise.race([drawing, timeout]);
      drawn.forEach((result, index) => {
        if (result) {
          fs.writeFileSync(path.join(options.outDir, svgCacheName(hashes[index], theme, options.mermaidVersion, result.width, result.height)), result.svg);
          files += 1;
          bytes += result.svg.length;
        } else {
          failed.push(`${theme}: ${(diagrams.get(hashes[index]) ?? '').split('\n')[0]}`);
        }
      });
    }
  } finally {
    await browser.close();
    page.close();
  }
  return { diagrams: diagrams.size, files, bytes, failed };
}
