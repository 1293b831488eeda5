import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Topic } from '../core/model';
import { parseTopic } from '../core/parseTopic';
import { isNoteState, isWebviewToExtension, type RenderMessage } from '../protocol';
import { notesFolders, type CatalogService } from './catalogService';
import { noteHtml, notePage } from './noteHtml';
import { handleNoteRequest, type NoteActions } from './noteRequests';
import { dressPanel, type FirstContent } from './webviewHtml';
import { WebviewOutbox } from './webviewOutbox';

export const PREVIEW_VIEW_TYPE = 'nexus.preview';
/** Typing redraws after this pause, so a burst of keystrokes costs one render. */
const TYPING_DELAY_MS = 120;
/** A scroll we caused on one side must not echo back from the other. */
const ECHO_MS = 250;
const PREVIEW_PREFIX = 'preview:';

/**
 * Nexus previews of any markdown file (a project's README, its docs, a note being written): the note renderer and
 * its safety rules, redrawn as the learner types, scrolled together with the editor both ways.
 */
export class MarkdownPreviews implements vscode.Disposable {
  private readonly previews = new Map<string, MarkdownPreview>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly catalog: CatalogService,
    private readonly actions: NoteActions,
    private readonly openTopic: (topic: Topic, anchor: string | undefined) => Thenable<unknown>,
  ) {}

  get open(): readonly MarkdownPreview[] {
    return [...this.previews.values()];
  }

  /** Shows the preview of a markdown document beside its editor, reusing the one already open for it. */
  async show(uri: vscode.Uri): Promise<MarkdownPreview> {
    const existing = this.previews.get(uri.toString());
    if (existing) {
      existing.webviewPanel.reveal(undefined, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, previewTitle(uri), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableFindWidget: true });
    const preview = this.adopt(panel, uri);
    await preview.refresh();
    return preview;
  }

  /** A preview VS Code brought back after a reload: its document is named in the webview state. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = isNoteState(state) && state.topicId.startsWith(PREVIEW_PREFIX) ? state : undefined;
    const uri = saved && vscode.Uri.parse(saved.topicId.slice(PREVIEW_PREFIX.length));
    if (!saved || !uri || this.previews.has(uri.toString())) {
      panel.dispose();
      return;
    }
    await this.adopt(panel, uri).refresh(saved.scrollY);
  }

  private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri): MarkdownPreview {
    // Local images of the document load from its own workspace folder (or its folder), and nothing wider.
    const home = vscode.workspace.getWorkspaceFolder(uri)?.uri ?? vscode.Uri.joinPath(uri, '..');
    dressPanel(panel, this.extensionUri, [vscode.Uri.joinPath(this.extensionUri, 'content'), home, ...notesFolders()]);
    // The page is written with the first render in it (see MarkdownPreview.refresh): no ready round trip.
    const shell = (first: FirstContent): Promise<string> => notePage(panel.webview, this.extensionUri, previewTitle(uri), first);
    const preview = new MarkdownPreview(uri, panel, this.catalog, this.actions, this.openTopic, shell);
    this.previews.set(uri.toString(), preview);
    panel.onDidDispose(() => {
      this.previews.delete(uri.toString());
      preview.dispose();
    });
    return preview;
  }

  dispose(): void {
    for (const preview of this.previews.values()) {
      preview.webviewPanel.dispose();
    }
  }
}

function previewTitle(uri: vscode.Uri): string {
  return `Preview ${uri.path.split('/').pop() ?? ''}`;
}

export class MarkdownPreview implements vscode.Disposable {
  private readonly panelId = randomUUID();
  private readonly outbox: WebviewOutbox;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Until when editor scroll events are ours (we revealed a line for the preview) and must not echo back. */
  private editorScrolledByUsUntil = 0;
  /** How many renders the webview has been sent, for tests that wait for a redraw. */
  renders = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly uri: vscode.Uri,
    readonly webviewPanel: vscode.WebviewPanel,
    private readonly catalog: CatalogService,
    private readonly actions: NoteActions,
    private readonly openTopic: (topic: Topic, anchor: string | undefined) => Thenable<unknown>,
    /** The page with the first render in it; used once. */
    shell: (first: FirstContent) => Promise<string>,
  ) {
    const key = uri.toString();
    this.outbox = new WebviewOutbox(webviewPanel.webview, shell);
    this.disposables.push(
      webviewPanel.webview.onDidReceiveMessage((data: unknown) => this.receive(data)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() === key) {
          clearTimeout(this.timer);
          this.timer = setTimeout(() => void this.refresh(), TYPING_DELAY_MS);
        }
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => {
        if (event.textEditor.document.uri.toString() === key && Date.now() > this.editorScrolledByUsUntil) {
          const top = event.visibleRanges[0]?.start.line ?? 0;
          this.outbox.post({ type: 'revealLine', line: top + 1 });
        }
      }),
    );
  }

  /** Renders the document as the editor holds it (unsaved changes too), or as it is on disk when it is not open. */
  async refresh(scrollY?: number): Promise<void> {
    const key = this.uri.toString();
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
    let text: string;
    try {
      text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(this.uri));
    } catch (error) {
      text = `# ${this.uri.path.split('/').pop() ?? ''}\n\nNexus could not read this file: ${String(error)}`;
    }
    const loaded = await this.catalog.get();
    const known = loaded.catalog.topics.get(loaded.byFile.get(key) ?? '');
    const { topic } = parseTopic(key, text, known?.category ?? 'preview', known?.source ?? 'user');
    const { html, highlights } = await noteHtml(known ? { ...topic, id: known.id } : topic, loaded, this.webviewPanel.webview, this.actions, true);
    this.renders += 1;
    const message: RenderMessage = { type: 'render', panelId: this.panelId, topicId: `${PREVIEW_PREFIX}${key}`, title: topic.title, html, scrollSync: true, ...(scrollY === undefined ? {} : { scrollY }) };
    await this.outbox.render(message, highlights);
  }

  private async receive(data: unknown): Promise<void> {
    if (!isWebviewToExtension(data)) {
      return;
    }
    const folder = vscode.Uri.joinPath(this.uri, '..');
    if (await handleNoteRequest(data, { catalog: this.catalog, actions: this.actions, openTopic: this.openTopic, folder })) {
      return;
    }
    if (data.type === 'ready') {
      this.outbox.open();
    } else if (data.type === 'revealedLine') {
      const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === this.uri.toString());
      if (editor) {
        const line = Math.min(Math.max(0, Math.floor(data.line) - 1), editor.document.lineCount - 1);
        this.editorScrolledByUsUntil = Date.now() + ECHO_MS;
        editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
      }
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}
