import * as vscode from 'vscode';
import type { Topic } from '../core/model';
import { ankiText, reviewLogCsv, type ExportedCard } from '../core/review/stats';
import type { CatalogService } from './catalogService';
import type { NoteActions } from './noteRequests';
import type { ProgressStore } from './progressStore';
import { cardHtml, REVIEW_VIEW_TYPE, ReviewPanel } from './reviewPanel';
import { NEW_CARDS_SETTING, ReviewStore } from './reviewStore';
import type { TopicNode, TopicTreeProvider } from './topicTree';

const STATUS_REFRESH_MS = 60_000;

export interface Review {
  store: ReviewStore;
  panel: ReviewPanel;
  status: vscode.StatusBarItem;
}

/**
 * Spaced repetition of the notes' self-checks, wired in one place: the state store, the panel, the due counts in
 * the status bar and the Topics view, the commands, and cards entering review when a topic is marked studied.
 */
export function registerReview(
  context: vscode.ExtensionContext,
  parts: { catalog: CatalogService; progress: ProgressStore; tree: TopicTreeProvider; actions: NoteActions; openTopic(topic: Topic, anchor: string | undefined): Thenable<unknown> },
): Review {
  const { catalog, progress, tree } = parts;
  const store = new ReviewStore(context.globalState, context.globalStorageUri, catalog);
  const exports = { reviewLog: () => exportReviewLog(store), cards: () => exportCards(store, catalog) };
  const panel = new ReviewPanel(context.extensionUri, catalog, store, parts.actions, parts.openTopic, exports);
  const status = vscode.window.createStatusBarItem('nexus.review', vscode.StatusBarAlignment.Left, 50);
  status.name = 'Nexus Review';
  status.command = 'nexus.review';

  const updateStatus = async (): Promise<void> => {
    await store.ready();
    const due = store.queue().length;
    if (due === 0) {
      status.hide();
      return;
    }
    status.text = `$(mortar-board) ${due} due`;
    status.tooltip = `${due} ${due === 1 ? 'card' : 'cards'} of your self-checks to review: open Nexus: Review`;
    status.accessibilityInformation = { label: `Nexus: ${due} ${due === 1 ? 'card' : 'cards'} due for review` };
    status.show();
  };
  // Cards fall due with time too, not only on changes (a learning step of ten minutes, tomorrow's reviews).
  const timer = setInterval(() => {
    void updateStatus();
    tree.refreshDueCounts();
  }, STATUS_REFRESH_MS);
  const enrollStudied = (): Promise<void> => store.enroll(Object.keys(progress.get().studied));
  tree.showDueCounts(store);

  context.subscriptions.push(
    store,
    panel,
    status,
    { dispose: () => clearInterval(timer) },
    store.onDidChange(() => void updateStatus()),
    progress.onDidChange(() => void enrollStudied()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`nexus.${NEW_CARDS_SETTING}`)) {
        void updateStatus();
        tree.refreshDueCounts();
      }
    }),
    vscode.window.registerWebviewPanelSerializer(REVIEW_VIEW_TYPE, { deserializeWebviewPanel: (webviewPanel, state) => panel.restore(webviewPanel, state) }),
    vscode.commands.registerCommand('nexus.review', () => panel.show({ mode: 'review' })),
    vscode.commands.registerCommand('nexus.reviewTopic', async (node?: TopicNode) => {
      if (node?.kind === 'topic') {
        await store.enroll([node.topic.id]);
        await panel.show({ mode: 'review', topicId: node.topic.id });
      }
    }),
    vscode.commands.registerCommand('nexus.reviewStats', () => panel.show({ mode: 'stats' })),
    vscode.commands.registerCommand('nexus.exportReviewLog', exports.reviewLog),
    vscode.commands.registerCommand('nexus.exportReviewCards', exports.cards),
  );
  // Topics marked studied before reviewing existed, or on another machine, enter review too (capped per day).
  void progress.ready().then(enrollStudied).then(updateStatus);
  return { store, panel, status };
}

function plainQuestion(markdown: string): string {
  return markdown.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
}

async function saveAs(name: string, filters: Record<string, string[]>, text: string, what: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({ ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}), filters, saveLabel: 'Export' });
  if (target) {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    void vscode.window.setStatusBarMessage(`Exported ${what} to ${target.fsPath}`, 5000);
  }
}

async function exportReviewLog(store: ReviewStore): Promise<void> {
  await store.ready();
  const csv = reviewLogCsv(store.get(), (card) => plainQuestion(store.noteCard(card.id)?.question ?? card.text));
  await saveAs('nexus-review-log.csv', { CSV: ['csv'] }, csv, 'the review log');
}

/** Every card in review (retired ones left out) with its answer rendered as the panel shows it, tagged by topic and category. */
async function exportCards(store: ReviewStore, catalog: CatalogService): Promise<void> {
  await store.ready();
  const loaded = await catalog.get();
  const cards: ExportedCard[] = [];
  for (const record of Object.values(store.get().cards)) {
    const noteCard = store.noteCard(record.id);
    const topic = loaded.catalog.topics.get(record.topicId);
    if (record.retired === undefined && noteCard && topic) {
      cards.push({
        front: cardHtml(topic, noteCard.question, noteCard, loaded),
        back: cardHtml(topic, noteCard.answer, noteCard, loaded),
        tags: ['nexus', `nexus::${topic.category}`, `nexus::${topic.id}`],
      });
    }
  }
  if (cards.length === 0) {
    void vscode.window.showInformationMessage('No cards are in review yet: mark a topic studied, or use Review This Topic.');
    return;
  }
  await saveAs('nexus-cards.txt', { 'Anki text': ['txt'] }, ankiText(cards), `${cards.length} cards for Anki`);
}
