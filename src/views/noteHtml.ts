import * as vscode from 'vscode';
import { backlinkSection } from '../core/markdown/backlinkSection';
import { snippetSection } from '../core/markdown/snippetSection';
import { withVersionsLine } from '../core/markdown/versionsLine';
import type { Topic } from '../core/model';
import { renderNote } from '../core/renderNote';
import type { LoadedCatalog } from './catalogService';
import type { NoteActions } from './noteRequests';

/**
 * A note as the webview shows it: core's rendering (links resolved against the catalog, local images only from the
 * webview's own roots), the versions it teaches, its snippets and the notes that link to it.
 */
export async function noteHtml(topic: Topic, loaded: LoadedCatalog, webview: vscode.Webview, actions: NoteActions, sourceLines = false): Promise<string> {
  const roots = (webview.options.localResourceRoots ?? []).map((root) => root.toString());
  const note = renderNote(topic, {
    topicIdForFile: (uri) => loaded.byFile.get(uri),
    hasTopic: (id) => loaded.catalog.topics.has(id),
    imageSrc: (uri) => (roots.some((root) => uri.startsWith(`${root}/`)) ? webview.asWebviewUri(vscode.Uri.parse(uri)).toString() : undefined),
    sourceLines,
  });
  const snippets = snippetSection(await actions.describeSnippets(topic.snippets));
  const backlinks = loaded.byFile.has(topic.file) ? backlinkSection(loaded.linkedFrom(topic.id)) : '';
  return withVersionsLine(note.html, topic.versions) + snippets + backlinks;
}
