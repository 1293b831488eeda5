import * as vscode from 'vscode';
import type { Topic } from '../core/model';
import type { WebviewToExtension } from '../protocol';
import type { CatalogService } from './catalogService';
import { copyText, openExternal, saveSvg } from './webviewActions';

/** What a rendered note can ask of the rest of Nexus. */
export interface NoteActions {
  insertCode(code: string, snippet: string | undefined): Thenable<unknown>;
  openArchitecture(flowId: string | undefined): Thenable<unknown>;
  /** The DRF original of each snippet prefix that exists, for the note's snippet section. */
  describeSnippets(prefixes: readonly string[]): Thenable<Array<{ prefix: string; original: string }>>;
}

export interface NoteRequestContext {
  catalog: CatalogService;
  actions: NoteActions;
  openTopic(topic: Topic, anchor: string | undefined): Thenable<unknown>;
  /** The folder of the markdown shown, where Save SVG starts when no workspace is open. */
  folder: vscode.Uri | undefined;
}

/**
 * The requests every webview showing rendered markdown makes the same way (links, copy, save, insert), for note
 * panels and previews alike. Returns false for a message that belongs to the panel itself.
 */
export async function handleNoteRequest(message: WebviewToExtension, context: NoteRequestContext): Promise<boolean> {
  switch (message.type) {
    case 'openTopic': {
      const topic = (await context.catalog.get()).catalog.topics.get(message.topicId);
      if (topic) {
        await context.openTopic(topic, message.anchor);
      } else {
        void vscode.window.showWarningMessage(`Nexus has no topic "${message.topicId}".`);
      }
      return true;
    }
    case 'openExternal':
      await openExternal(message.url);
      return true;
    case 'copyText':
      await copyText(message.text, message.what);
      return true;
    case 'saveSvg':
      await saveSvg(message.svg, message.name, context.folder);
      return true;
    case 'insertCode':
      await context.actions.insertCode(message.code, message.snippet);
      return true;
    case 'openArchitecture':
      await context.actions.openArchitecture(message.flowId);
      return true;
    default:
      return false;
  }
}
