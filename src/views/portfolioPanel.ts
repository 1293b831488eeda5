import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Topic } from '../core/model';
import { parseTopic } from '../core/parseTopic';
import { isWebviewToExtension } from '../protocol';
import { notesFolders, type CatalogService } from './catalogService';
import { noteHtml } from './noteHtml';
import { handleNoteRequest, type NoteActions } from './noteRequests';
import { dressPanel, webviewHtml } from './webviewHtml';
import { WebviewOutbox } from './webviewOutbox';

export const PORTFOLIO_VIEW_TYPE = 'nexus.portfolio';

/**
 * The portfolio before it is saved, in one reusable panel: the note renderer and its safety rules, with the README
 * it will become as the file its links resolve against (so a link to the learner's note opens that note).
 */
export class PortfolioPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readme: vscode.Uri | undefined;
  private outbox: WebviewOutbox | undefined;
  private readonly panelId = randomUUID();
  /** How many renders the webview has been sent, for tests that wait for one. */
  renders = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly catalog: CatalogService,
    private readonly actions: NoteActions,
    private readonly openTopic: (topic: Topic, anchor: string | undefined) => Thenable<unknown>,
  ) {}

  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  async show(readme: vscode.Uri, text: string): Promise<void> {
    if (this.panel && this.readme?.toString() !== readme.toString()) {
      // Its local resource roots and link base are the other README's: start afresh.
      this.panel.dispose();
    }
    this.readme = readme;
    const panel = this.panel ?? this.create(readme);
    panel.title = `Portfolio: ${readme.path.split('/').pop() ?? 'README.md'}`;
    panel.reveal(undefined, true);
    const loaded = await this.catalog.get();
    const { topic } = parseTopic(readme.toString(), text, 'portfolio', 'user');
    const { html, highlights } = await noteHtml(topic, loaded, panel.webview, this.actions);
    this.renders += 1;
    const outbox = this.outbox;
    await outbox?.render({ type: 'render', panelId: this.panelId, topicId: `portfolio:${readme.toString()}`, title: topic.title, html }, highlights);
  }

  close(): void {
    this.panel?.dispose();
  }

  private create(readme: vscode.Uri): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(PORTFOLIO_VIEW_TYPE, 'Portfolio', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableFindWidget: true });
    dressPanel(panel, this.extensionUri, [vscode.Uri.joinPath(readme, '..'), ...notesFolders()]);
    const outbox = new WebviewOutbox(panel.webview);
    this.outbox = outbox;
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'note.js', 'note.css', 'Portfolio');
    const subscription = panel.webview.onDidReceiveMessage(async (data: unknown) => {
      if (!isWebviewToExtension(data)) {
        return;
      }
      if (await handleNoteRequest(data, { catalog: this.catalog, actions: this.actions, openTopic: this.openTopic, folder: vscode.Uri.joinPath(readme, '..') })) {
        return;
      }
      if (data.type === 'ready') {
        outbox.open();
      }
    });
    panel.onDidDispose(() => {
      subscription.dispose();
      this.panel = undefined;
      this.outbox = undefined;
    });
    this.panel = panel;
    return panel;
  }

  dispose(): void {
    this.close();
  }
}
