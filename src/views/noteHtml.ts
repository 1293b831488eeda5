import * as vscode from 'vscode';
import { backlinkSection } from '../core/markdown/backlinkSection';
import { snippetSection } from '../core/markdown/snippetSection';
import { withVersionsLine } from '../core/markdown/versionsLine';
import type { Topic } from '../core/model';
import { highlightPending, type PendingHighlight } from '../core/highlight';
import { renderNote } from '../core/renderNote';
import type { ExtensionToWebview } from '../protocol';
import type { LoadedCatalog } from './catalogService';
import type { NoteActions } from './noteRequests';

export interface NoteHtml {
  html: string;
  /** Code blocks left plain, coloured by a `highlight` message after the note shows (see `postHighlights`). */
  highlights: PendingHighlight[];
}

/**
 * A note as the webview shows it: core's rendering (links resolved against the catalog, local images only from the
 * webview's own roots), the versions it teaches, its snippets and the notes that link to it.
 */
export async function noteHtml(topic: Topic, loaded: LoadedCatalog, webview: vscode.Webview, actions: NoteActions, sourceLines = false): Promise<NoteHtml> {
  const roots = (webview.options.localResourceRoots ?? []).map((root) => root.toString());
  const note = renderNote(topic, {
    topicIdForFile: (uri) => loaded.byFile.get(uri),
    hasTopic: (id) => loaded.catalog.topics.has(id),
    imageSrc: (uri) => (roots.some((root) => uri.startsWith(`${root}/`)) ? webview.asWebviewUri(vscode.Uri.parse(uri)).toString() : undefined),
    sourceLines,
    deferHighlight: true,
  });
  const snippets = snippetSection(await actions.describeSnippets(topic.snippets));
  const backlinks = loaded.byFile.has(topic.file) ? backlinkSection(loaded.linkedFrom(topic.id)) : '';
  return { html: withVersionsLine(note.html, topic.versions) + snippets + backlinks, highlights: note.highlights };
}

/**
 * Highlights the blocks a render left plain once the render message is on its way (a task later, so posting it
 * never waits for highlight.js), and posts their colours; a block the webview no longer shows is skipped there.
 */
export function postHighlights(blocks: readonly PendingHighlight[], post: (message: ExtensionToWebview) => void): void {
  if (blocks.length > 0) {
    setImmediate(() => post({ type: 'highlight', blocks: highlightPending(blocks) }));
  }
}
