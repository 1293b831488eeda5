import * as vscode from 'vscode';
import type { Topic } from '../core/model';
import { renderNote } from '../core/renderNote';
import type { NoteCard } from '../core/review/cards';
import { formatInterval, GRADES, preview, type Grade } from '../core/review/schedule';
import { forecast, topicStats } from '../core/review/stats';
import { isReviewPanelState, isWebviewToExtension, type ExtensionToWebview, type ReviewPanelState, type ReviewTopicStats } from '../protocol';
import type { CatalogService, LoadedCatalog } from './catalogService';
import { handleNoteRequest, type NoteActions } from './noteRequests';
import type { ReviewStore } from './reviewStore';
import { dressPanel, webviewHtml } from './webviewHtml';

export const REVIEW_VIEW_TYPE = 'nexus.review';
/** A card due sooner than this after the queue runs dry is waited for with the panel open (learning steps). */
const WAIT_FOR_NEXT_MS = 60 * 60_000;

/**
 * Renders a card's markdown the way the note renders it, so code, tables and diagrams look the same; links
 * resolve against the note's file. Images show only from the given roots (none for an export).
 */
export function cardHtml(topic: Topic, markdown: string, card: NoteCard, loaded: LoadedCatalog, imageSrc: (uri: string) => string | undefined = () => undefined): string {
  return renderNote(
    { file: topic.file, body: markdown, bodyLine: card.line },
    { topicIdForFile: (uri) => loaded.byFile.get(uri), hasTopic: (id) => loaded.catalog.topics.has(id), imageSrc, sourceLines: false },
  ).html;
}

/** The one `Nexus: Review` panel: a session over the queue, one card at a time, or the stats. */
export class ReviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private pending: ExtensionToWebview | undefined;
  private view: ReviewPanelState = { mode: 'review' };
  private reviewed = 0;
  /** The card an Undo brought back: shown again first, as Anki does. */
  private undone: string | undefined;
  private waitTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly catalog: CatalogService,
    private readonly store: ReviewStore,
    private readonly actions: NoteActions,
    private readonly openTopic: (topic: Topic, anchor: string | undefined) => Thenable<unknown>,
    private readonly exports: { reviewLog(): Thenable<unknown>; cards(): Thenable<unknown> },
  ) {
    // Answers on another panel, a note edited, a topic marked studied: the panel shows the state as it is.
    this.disposables.push(store.onDidChange(() => void this.refresh()));
  }

  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  async show(view: ReviewPanelState = { mode: 'review' }): Promise<void> {
    if (view.mode === 'review' && (view.topicId !== this.view.topicId || this.view.mode !== 'review')) {
      this.reviewed = 0;
    }
    this.view = view;
    if (this.panel) {
      this.panel.reveal(undefined, false);
    } else {
      this.adopt(vscode.window.createWebviewPanel(REVIEW_VIEW_TYPE, 'Review', vscode.ViewColumn.Active, { enableFindWidget: true }));
    }
    await this.refresh();
  }

  /** Called by the serializer with the panel VS Code restored after a reload. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (this.panel) {
      panel.dispose();
      return;
    }
    this.view = isReviewPanelState(state) ? state : { mode: 'review' };
    this.adopt(panel);
    await this.refresh();
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    dressPanel(panel, this.extensionUri, [vscode.Uri.joinPath(this.extensionUri, 'content')]);
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'review.js', 'review.css', 'Review');
    const listener = panel.webview.onDidReceiveMessage((data: unknown) => this.receive(data));
    panel.onDidDispose(() => {
      listener.dispose();
      clearTimeout(this.waitTimer);
      this.panel = undefined;
    });
  }

  private post(message: ExtensionToWebview): void {
    if (this.ready && this.panel) {
      void this.panel.webview.postMessage(message);
    } else {
      this.pending = message;
    }
  }

  private async refresh(): Promise<void> {
    if (!this.panel) {
      return;
    }
    await this.store.ready();
    const loaded = await this.catalog.get();
    if (this.view.mode === 'stats') {
      this.panel.title = 'Review Stats';
      this.post(this.stats(loaded));
      return;
    }
    const scope = this.view.topicId === undefined ? undefined : loaded.catalog.topics.get(this.view.topicId);
    this.panel.title = scope ? `Review: ${scope.title}` : 'Review';
    const now = Date.now();
    const queue = this.queue(now);
    const record = queue[0];
    const noteCard = record && this.store.noteCard(record.id);
    const topic = record && loaded.catalog.topics.get(record.topicId);
    const common = { remaining: queue.length, reviewed: this.reviewed, canUndo: this.store.canUndo, ...(scope ? { scope: scope.title, scopeId: scope.id } : {}) };
    clearTimeout(this.waitTimer);
    if (!record || !noteCard || !topic) {
      const next = this.nextDue(now);
      if (next !== undefined && next - now < WAIT_FOR_NEXT_MS) {
        this.waitTimer = setTimeout(() => void this.refresh(), next - now + 500);
      }
      this.post({ type: 'review', ...common, ...(next === undefined ? {} : { nextDue: `in ${formatInterval(next - now)}` }) });
      return;
    }
    const imageSrc = (uri: string): string | undefined =>
      (this.panel?.webview.options.localResourceRoots ?? []).some((root) => uri.startsWith(`${root.toString()}/`)) ? this.panel?.webview.asWebviewUri(vscode.Uri.parse(uri)).toString() : undefined;
    const outcomes = preview(record.schedule, now);
    this.post({
      type: 'review',
      ...common,
      card: {
        cardId: record.id,
        topicId: topic.id,
        topicTitle: topic.title,
        anchor: noteCard.anchor,
        question: cardHtml(topic, noteCard.question, noteCard, loaded, imageSrc),
        answer: cardHtml(topic, noteCard.answer, noteCard, loaded, imageSrc),
        intervals: GRADES.map(({ grade }) => formatInterval(outcomes[grade].due - now)),
      },
    });
  }

  private queue(now = Date.now()): ReturnType<ReviewStore['queue']> {
    const queue = this.store.queue(this.view.topicId, now);
    const back = queue.findIndex((card) => card.id === this.undone);
    return back > 0 ? [queue[back], ...queue.slice(0, back), ...queue.slice(back + 1)] : queue;
  }

  /** The earliest due date among cards in (re)learning or review that are not due yet, in this session's scope. */
  private nextDue(now: number): number | undefined {
    let next: number | undefined;
    for (const card of Object.values(this.store.get().cards)) {
      const inScope = this.view.topicId === undefined || card.topicId === this.view.topicId;
      if (inScope && card.retired === undefined && card.schedule.phase !== 'new' && card.schedule.due > now && this.store.noteCard(card.id)) {
        next = Math.min(next ?? Infinity, card.schedule.due);
      }
    }
    return next;
  }

  private stats(loaded: LoadedCatalog): ExtensionToWebview {
    const now = Date.now();
    const startOfDay = new Date(now).setHours(0, 0, 0, 0);
    const order = new Map([...loaded.catalog.topics.keys()].map((id, index) => [id, index]));
    const topics: ReviewTopicStats[] = topicStats(this.store.get(), now)
      .map((stats) => ({ ...stats, title: loaded.catalog.topics.get(stats.topicId)?.title ?? stats.topicId }))
      .sort((a, b) => (order.get(a.topicId) ?? Infinity) - (order.get(b.topicId) ?? Infinity) || a.title.localeCompare(b.title))
      .map(({ retention, ...rest }) => (retention === undefined ? rest : { ...rest, retention }));
    const today = new Date(startOfDay);
    const pad = (n: number): string => String(n).padStart(2, '0');
    return {
      type: 'reviewStats',
      topics,
      forecast: forecast(this.store.get(), startOfDay),
      today: `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`,
      due: this.store.queue(undefined, now).length,
      problems: [...this.store.problems],
    };
  }

  private async receive(data: unknown): Promise<void> {
    if (!isWebviewToExtension(data)) {
      return;
    }
    if (await handleNoteRequest(data, { catalog: this.catalog, actions: this.actions, openTopic: this.openTopic, folder: undefined })) {
      return;
    }
    switch (data.type) {
      case 'ready':
        this.ready = true;
        if (this.pending) {
          void this.panel?.webview.postMessage(this.pending);
          this.pending = undefined;
        }
        return;
      case 'answer':
        // The card answered must be the one shown: a key pressed twice quickly must not answer the next card unseen.
        if (this.queue()[0]?.id === data.cardId) {
          this.reviewed++;
          this.undone = undefined;
          await this.store.answer(data.cardId, data.grade as Grade);
        }
        return;
      case 'undo':
        this.undone = await this.store.undo();
        if (this.undone !== undefined) {
          this.reviewed = Math.max(0, this.reviewed - 1);
          // The store's change event may have rendered before the card to bring back was known.
          await this.refresh();
        }
        return;
      case 'showStats':
        await this.show({ mode: 'stats' });
        return;
      case 'showReview':
        await this.show({ mode: 'review' });
        return;
      case 'exportReviewLog':
        await this.exports.reviewLog();
        return;
      case 'exportCards':
        await this.exports.cards();
        return;
      default:
        return;
    }
  }

  dispose(): void {
    clearTimeout(this.waitTimer);
    this.panel?.dispose();
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}
