import type MarkdownIt from 'markdown-it';
import type { PendingHighlight } from '../highlight';

/** markdown-it's instance and token types, named once for the plugins. */
export type Markdown = MarkdownIt.MarkdownIt;
export type Token = MarkdownIt.Token;


/** What the host knows that a note's links and images need. */
export interface RenderContext {
  /** The topic whose markdown file is at this URI, if any. */
  topicIdForFile(uri: string): string | undefined;
  hasTopic(id: string): boolean;
  /** A URL the webview may load for a local image, or undefined to refuse it. */
  imageSrc?(uri: string): string | undefined;
  /** Mark blocks with their file line (`data-line`), for a preview that scrolls with its editor. */
  sourceLines?: boolean;
  /** Leave blocks never highlighted before plain and list them (RenderedNote.highlights), to colour after showing. */
  deferHighlight?: boolean;
}

export interface DiagramInfo {
  /** 1-based line of the file where the diagram's fence starts. */
  line: number;
  /** The diagram type, its first word: `erDiagram`, `flowchart`, `sequenceDiagram`, … */
  kind: string;
  hash: string;
}

/** Per-render state handed through markdown-it's `env`. */
export interface RenderEnv {
  file: string;
  context: RenderContext;
  diagrams: DiagramInfo[];
  problems: Array<{ line: number; message: string }>;
  highlights: PendingHighlight[];
  /** The file line of a token (its block's start, or the body's start). */
  line(token: Token): number;
}

/** markdown-it hands rules its `env` as an open record; renderNote always passes a RenderEnv. */
export function asRenderEnv(env: unknown): RenderEnv {
  return env as RenderEnv;
}
