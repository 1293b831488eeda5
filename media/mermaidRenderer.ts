import type { MermaidConfig } from 'mermaid';
import type { ThemeKind } from './theme';

type Mermaid = (typeof import('mermaid'))['default'];

let loading: Promise<Mermaid> | undefined;
let configuredFor: ThemeKind | undefined;
let queue: Promise<unknown> = Promise.resolve();
let counter = 0;

/** Loaded on first use only: notes without diagrams never fetch mermaid, and each diagram type is its own chunk. */
function load(): Promise<Mermaid> {
  loading ??= import('mermaid').then((module) => module.default);
  return loading;
}

function config(theme: ThemeKind): MermaidConfig {
  const style = getComputedStyle(document.body);
  const fontFamily = style.getPropertyValue('--vscode-font-family').trim() || 'sans-serif';
  const base: MermaidConfig = {
    startOnLoad: false,
    securityLevel: 'strict',
    suppressErrorRendering: true,
    fontFamily,
    // No pictures inside labels: DOMPurify keeps <img> (a data: one would paint whatever a note likes inside a
    // diagram, as markdown images may not), and mermaid's own default forbids <style>.
    dompurifyConfig: { FORBID_TAGS: ['style', 'img'] },
    // Directives inside a note (`%%{init: …}%%`) cannot change these: no lowered security, no injected CSS.
    secure: ['secure', 'securityLevel', 'startOnLoad', 'maxTextSize', 'maxEdges', 'suppressErrorRendering', 'themeCSS', 'fontFamily', 'dompurifyConfig'],
  };
  switch (theme) {
    case 'dark':
      return { ...base, theme: 'dark' };
    case 'high-contrast':
      return {
        ...base,
        theme: 'base',
        themeVariables: {
          darkMode: true,
          background: '#000000',
          primaryColor: '#000000',
          primaryTextColor: '#ffffff',
          primaryBorderColor: '#6fc3df',
          lineColor: '#ffffff',
          secondaryColor: '#0c0c0c',
          tertiaryColor: '#000000',
          textColor: '#ffffff',
          fontFamily,
        },
      };
    case 'high-contrast-light':
      return { ...base, theme: 'neutral' };
    default:
      return { ...base, theme: 'default' };
  }
}

/**
 * Renders one diagram to SVG. Calls run one at a time, since mermaid keeps global state while it lays out, and
 * a caller that no longer wants the result (a newer render replaced it) is skipped before it starts.
 */
export function renderDiagram(source: string, theme: ThemeKind, stillWanted: () => boolean): Promise<string | undefined> {
  const job = queue.then(async () => {
    if (!stillWanted()) {
      return undefined;
    }
    const mermaid = await load();
    if (configuredFor !== theme) {
      mermaid.initialize(config(theme));
      configuredFor = theme;
    }
    const { svg } = await mermaid.render(`nexus-diagram-${++counter}`, source);
    return svg;
  });
  queue = job.catch(() => undefined);
  return job;
}
