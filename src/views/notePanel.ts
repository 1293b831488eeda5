import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Topic } from '../core/model';
import { parseTopic } from '../core/parseTopic';
import { isNoteState, isWebviewToExtension, type RenderMessage, type WebviewToExtension } from '../protocol';
import type { CatalogService } from './catalogService';
import { notesFolders } from './catalogService';
import type { NoteStateStore } from './noteStateStore';
import { noteHtml, notePage } from './noteHtml';
import { handleNoteRequest, type NoteActions } from './noteRequests';
import { dressPanel, type FirstContent } from './webviewHtml';
import { WebviewOutbox } from './webviewOutbox';
import { mermaidVersion } from './buildInfo';
import { markCached, SvgCache } from './svgCache';

export const NOTE_VIEW_TYPE = 'nexus.note';
const LIVE_UPDATE_DELAY_MS = 250;

export interface ShowOptions {
  toSide?: boolean;
  /** When no note panel is open yet, open it beside the active editor (the architecture stays in view). */
  beside?: boolean;
  anchor?: string;
  scrollY?: number;
}

/**
 * Note panels: one reusable `Nexus` panel by default, or one per topic (`nexus.notes.panelPerTopic`).
 * Each renders its topic's markdown through core and follows the file on disk.
 */
export class NotePanels implements vscode.Disposable {
  private readonly panels = new Map<vscode.WebviewPanel, NotePanel>();
  private readonly activeChanged = new vscode.EventEmitter<Topic | undefined>();
  /** Fires with the topic of the note panel that became active. */
  readonly onDidActivate = this.activeChanged.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly catalog: CatalogService,
    private readonly states: NoteStateStore,
    private readonly actions: NoteActions,
    /** Global storage, for the persistent cache of drawn diagrams. */
    storage?: vscode.Uri,
  ) {
    this.svgCache = storage && new SvgCache(storage, () => mermaidVersion(extensionUri), vscode.Uri.joinPath(extensionUri, 'dist', 'diagrams'));
  }

  private readonly svgCache: SvgCache | undefined;

  /** The panels that are open, for tests and commands. */
  get open(): readonly NotePanel[] {
    return [...this.panels.values()];
  }

  get active(): NotePanel | undefined {
    return this.open.find((panel) => panel.webviewPanel.active);
  }

  async show(topic: Topic, options: ShowOptions = {}): Promise<NotePanel> {
    const perTopic = vscode.workspace.getConfiguration('nexus').get<boolean>('notes.panelPerTopic', false);
    const existing = perTopic ? this.open.find((panel) => panel.topic?.id === topic.id) : options.toSide ? undefined : this.open[0];
    const panel = existing ?? this.create(options.toSide || options.beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active);
    panel.webviewPanel.reveal(undefined, false);
    await panel.showTopic(topic, options);
    return panel;
  }

  /** Called by the serializer with a panel VS Code restored after a reload. */
  async restore(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    // The record written as the panel changed is newer than a webview state VS Code persisted late.
    const saved = isNoteState(state) ? ((await this.states.get(state.panelId)) ?? state) : undefined;
    const topic = saved && (await this.catalog.get()).catalog.topics.get(saved.topicId);
    if (saved && topic) {
      await this.adopt(webviewPanel, saved.panelId).showTopic(topic, { scrollY: saved.scrollY });
    } else {
      webviewPanel.dispose();
    }
  }

  private create(column: vscode.ViewColumn): NotePanel {
    const webviewPanel = vscode.window.createWebviewPanel(NOTE_VIEW_TYPE, 'Nexus', column, { enableFindWidget: true });
    return this.adopt(webviewPanel, randomUUID());
  }

  private adopt(webviewPanel: vscode.WebviewPanel, panelId: string): NotePanel {
    dressPanel(webviewPanel, this.extensionUri, [vscode.Uri.joinPath(this.extensionUri, 'content'), ...notesFolders(), ...(this.svgCache ? [this.svgCache.folder, vscode.Uri.joinPath(this.extensionUri, 'dist', 'diagrams')] : [])]);
    // The page is written with the first note in it (see NotePanel.render), so it shows without a ready round trip.
    const shell = (first: FirstContent): Promise<string> => notePage(webviewPanel.webview, this.extensionUri, 'Nexus', { ...first, drawingsInPage: this.svgCache !== undefined });
    const panel = new NotePanel(panelId, webviewPanel, this.catalog, this.states, this.actions, (topic, options) => this.show(topic, options), shell, this.svgCache);
    this.panels.set(webviewPanel, panel);
    webviewPanel.onDidDispose(() => {
      this.panels.delete(webviewPanel);
      panel.dispose();
      void this.states.forget(panelId);
    });
    webviewPanel.onDidChangeViewState(({ webviewPanel: changed }) => {
      if (changed.active) {
        this.activeChanged.fire(panel.topic);
      }
    });
    return panel;
  }

  dispose(): void {
    this.activeChanged.dispose();
    for (const panel of this.panels.keys()) {
      panel.dispose();
    }
  }
}

export class NotePanel implements vscode.Disposable {
  topic: Topic | undefined;
  private watcher: vscode.FileSystemWatcher | undefined;
  private saveListener: vscode.Disposable | undefined;
  private updateTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly outbox: WebviewOutbox;

  constructor(
    readonly panelId: string,
    readonly webviewPanel: vscode.WebviewPanel,
    private readonly catalog: CatalogService,
    private readonly states: NoteStateStore,
    private readonly actions: NoteActions,
    private readonly openTopic: (topic: Topic, options: ShowOptions) => Thenable<unknown>,
    /** The page with a first note in it; used once, for the panel's first render. */
    shell: (first: FirstContent) => Promise<string>,
    private readonly svgCache?: SvgCache,
  ) {
    this.outbox = new WebviewOutbox(webviewPanel.webview, shell);
    this.disposables.push(webviewPanel.webview.onDidReceiveMessage((data: unknown) => this.receive(data)));
  }

  async showTopic(topic: Topic, options: ShowOptions = {}): Promise<void> {
    if (this.topic?.file !== topic.file) {
      this.follow(topic);
    }
    this.topic = topic;
    this.webviewPanel.title = topic.title;
    await Promise.all([this.render(topic, options), this.states.record({ panelId: this.panelId, topicId: topic.id, scrollY: options.scrollY ?? 0 })]);
  }

  /** Renders through core and posts the HTML; before the webview is ready the latest render waits. */
  private async render(topic: Topic, options: ShowOptions): Promise<void> {
    const note = await noteHtml(topic, await this.catalog.get(), this.webviewPanel.webview, this.actions);
    const html = await markCached(note.html, this.svgCache, this.webviewPanel.webview);
    const message: RenderMessage = { type: 'render', panelId: this.panelId, topicId: topic.id, title: topic.title, html, anchor: options.anchor, scrollY: options.scrollY };
    await this.outbox.render(message, note.highlights);
  }

  /**
   * Live update (debounced): on save in VS Code at once, and on any other change on disk when the file watcher
   * reports it (it can take a moment to start, and other tools write without VS Code knowing).
   */
  private follow(topic: Topic): void {
    this.watcher?.dispose();
    this.saveListener?.dispose();
    const uri = vscode.Uri.parse(topic.file);
    const folder = vscode.Uri.joinPath(uri, '..');
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, uri.path.split('/').pop() ?? ''));
    const update = (): void => {
      clearTimeout(this.updateTimer);
      this.updateTimer = setTimeout(() => void this.reload(), LIVE_UPDATE_DELAY_MS);
    };
    this.watcher.onDidChange(update);
    this.watcher.onDidCreate(update);
    this.saveListener = vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.uri.toString() === uri.toString()) {
        update();
      }
    });
  }

  private async reload(): Promise<void> {
    const current = this.topic;
    if (!current) {
      return;
    }
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(current.file)));
    } catch {
      return;
    }
    const { topic } = parseTopic(current.file, text, current.category, current.source);
    this.topic = { ...topic, id: current.id };
    this.webviewPanel.title = topic.title;
    await this.render(this.topic, {});
  }

  private async receive(data: unknown): Promise<void> {
    if (!isWebviewToExtension(data)) {
      return;
    }
    const message: WebviewToExtension = data;
    const folder = this.topic && vscode.Uri.joinPath(vscode.Uri.parse(this.topic.file), '..');
    if (await handleNoteRequest(message, { catalog: this.catalog, actions: this.actions, openTopic: (topic, anchor) => this.openTopic(topic, { anchor }), folder })) {
      return;
    }
    switch (message.type) {
      case 'ready':
        this.outbox.open();
        return;
      case 'cacheSvg':
        await this.svgCache?.store(message.hash, message.theme, message.svg, message.width, message.height);
        return;
      case 'flowChosen':
      case 'revealedLine':
        return;
      case 'scrolled':
        if (this.topic) {
          await this.states.record({ panelId: this.panelId, topicId: this.topic.id, scrollY: message.scrollY });
        }
        return;
    }
  }

  dispose(): void {
    clearTimeout(this.updateTimer);
    this.watcher?.dispose();
    this.saveListener?.dispose();
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}
