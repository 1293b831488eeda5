import * as vscode from 'vscode';
import { backlinkSection } from '../core/markdown/backlinkSection';
import { snippetSection } from '../core/markdown/snippetSection';
import { withVersionsLine } from '../core/markdown/versionsLine';
import type { Topic } from '../core/model';
import type { PendingHighlight } from '../core/highlight';
import { renderNote } from '../core/renderNote';
import { pageChunks } from './buildInfo';
import type { LoadedCatalog } from './catalogService';
import type { NoteActions } from './noteRequests';
import { webviewHtml, type FirstContent } from './webviewHtml';

export interface NoteHtml {
  html: string;
  /** Code blocks left plain, coloured by a `highlight` message after the note shows (WebviewOutbox.render). */
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
 * The first page of a note-like panel (a note, a preview): the rendered note in it, and its script's chunks and
 * mermaid's for the diagrams it must still draw preloaded, so they load beside the page rather than after it asks.
 */
export async function notePage(webview: vscode.Webview, extensionUri: vscode.Uri, title: string, first: FirstContent): Promise<string> {
  return webviewHtml(webview, extensionUri, 'note.js', 'note.css', title, { ...first, preload: await pageChunks(extensionUri, 'note.js', first.html) });
}
