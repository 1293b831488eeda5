import MarkdownIt from 'markdown-it';
import type { PendingHighlight } from './highlight';
import { callouts } from './markdown/callouts';
import { fences } from './markdown/fences';
import { headingAnchors, type Heading } from './markdown/headingAnchors';
import { htmlAllowList } from './markdown/htmlAllowList';
import { links } from './markdown/links';
import { sourceLines } from './markdown/sourceLines';
import type { DiagramInfo, Markdown, RenderContext, RenderEnv } from './markdown/renderEnv';
import { taskLists } from './markdown/taskLists';

export type { RenderContext } from './markdown/renderEnv';

export interface RenderedNote {
  html: string;
  headings: Heading[];
  diagrams: DiagramInfo[];
  /** Links and images that were refused or lead nowhere, with their file lines. */
  problems: Array<{ line: number; message: string }>;
  /** Code blocks left plain to highlight after the note shows (RenderContext.deferHighlight). */
  highlights: PendingHighlight[];
}

export interface NoteSource {
  /** URI of the note, which relative links and images resolve against. */
  file: string;
  body: string;
  /** 1-based file line where `body` starts. */
  bodyLine: number;
}

/** One configured instance, built on first render (not at activation): building it costs more than a render. */
let md: Markdown | undefined;

function markdown(): Markdown {
  md ??= new MarkdownIt('default', { html: true, linkify: false, typographer: false })
    .use(htmlAllowList)
    .use(headingAnchors)
    .use(callouts)
    .use(taskLists)
    .use(links)
    .use(fences)
    .use(sourceLines);
  return md;
}

/**
 * Markdown to HTML that is safe to put in the webview as it is: raw HTML passes an allow-list, links and images
 * follow Nexus's rules, and diagrams stay as placeholders carrying their source for the webview to render.
 */
export function renderNote(note: NoteSource, context: RenderContext): RenderedNote {
  const env: RenderEnv & { headings?: Heading[] } = {
    file: note.file,
    context,
    diagrams: [],
    problems: [],
    highlights: [],
    line: (token) => (token.map ? token.map[0] + note.bodyLine : note.bodyLine),
  };
  // markdown-it types env as an open record; ours is a closed shape read only by our own rules.
  const html = markdown().render(note.body, env as unknown as Record<string, unknown>);
  return { html, headings: env.headings ?? [], diagrams: env.diagrams, problems: env.problems, highlights: env.highlights };
}
