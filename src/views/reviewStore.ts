import * as vscode from 'vscode';
import { extractCards, type NoteCard } from '../core/review/cards';
import { matchCards } from '../core/review/identity';
import type { Grade } from '../core/review/schedule';
import {
  answerCard,
  dueByTopic,
  emptyReviewState,
  enrollTopics,
  mergeReviewStates,
  readReviewState,
  REVIEW_KEY,
  reviewQueue,
  syncTopicCards,
  undoAnswer,
  type Answered,
  type CardRecord,
  type ReviewState,
} from '../core/review/state';
import { writeFileAtomically } from './atomicWrite';
import type { CatalogService, LoadedCatalog } from './catalogService';

type SyncedState = vscode.Memento & { setKeysForSync(keys: readonly string[]): void };

export const NEW_CARDS_SETTING = 'review.newCardsPerDay';
const DEFAULT_NEW_CARDS = 20;

/**
 * The learner's review state, kept like progress: in globalState, which Settings Sync carries, and in a file in
 * global storage written at once. Unlike progress the two copies are merged per card, so reviews done on two
 * machines both count. A copy this version cannot read in full is moved aside (never overwritten) and reported;
 * reviewing goes on with what could be read.
 */
export class ReviewStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private current: ReviewState = emptyReviewState();
  private loading: Promise<void> | undefined;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly file: vscode.Uri;
  private readonly storage: vscode.Uri;
  /** The cards as the notes state them now, by card id (only for topics in review). */
  private noteCards = new Map<string, NoteCard>();
  private readonly undoStack: Array<Answered['undo']> = [];
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** What could not be read at load, as told to the learner (for tests and the stats view). */
  readonly problems: string[] = [];

  constructor(
    private readonly state: SyncedState,
    storage: vscode.Uri,
    private readonly catalog: CatalogService,
  ) {
    state.setKeysForSync([REVIEW_KEY]);
    this.storage = storage;
    this.file = vscode.Uri.joinPath(storage, 'review.v1.json');
    this.disposables.push(catalog.onDidChange((loaded) => void this.ready().then(() => this.syncCards(loaded))));
  }

  ready(): Promise<void> {
    this.loading ??= (async () => {
      const fromFile = await this.readFile();
      const synced = this.state.get<unknown>(REVIEW_KEY);
      const fromSync = readReviewState(synced);
      if (fromSync.problem) {
        const aside = await this.keepAside(JSON.stringify(synced), 'synced');
        this.report(`the copy Settings Sync holds: ${fromSync.problem}`, aside);
      }
      this.current = mergeReviewStates(fromFile, fromSync.state);
      await this.syncCards(await this.catalog.get(), false);
    })();
    return this.loading;
  }

  get(): ReviewState {
    return this.current;
  }

  /** The note card (question and answer as written now) for a card in review. */
  noteCard(cardId: string): NoteCard | undefined {
    return this.noteCards.get(cardId);
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  /** What to review now; a topic id narrows it to that topic (whose new cards are not capped). */
  queue(topicId?: string, now = Date.now()): CardRecord[] {
    const newPerDay = vscode.workspace.getConfiguration('nexus').get<number>(NEW_CARDS_SETTING, DEFAULT_NEW_CARDS);
    return reviewQueue(this.current, {
      now,
      startOfDay: new Date(now).setHours(0, 0, 0, 0),
      newPerDay: Number.isFinite(newPerDay) ? Math.max(0, newPerDay) : DEFAULT_NEW_CARDS,
      topicId,
      shown: (card) => this.noteCards.has(card.id),
    });
  }

  dueByTopic(now = Date.now()): Map<string, number> {
    return dueByTopic(this.queue(undefined, now));
  }

  /** Puts topics' cards in review (marked studied, or Review This Topic); topics already in review are left as they are. */
  async enroll(topicIds: readonly string[]): Promise<void> {
    await this.ready();
    const next = enrollTopics(this.current, topicIds, Date.now());
    if (next !== this.current) {
      this.current = next;
      await this.syncCards(await this.catalog.get());
    }
  }

  async answer(cardId: string, grade: Grade): Promise<void> {
    await this.ready();
    const answered = answerCard(this.current, cardId, grade, Date.now());
    this.undoStack.push(answered.undo);
    await this.save(answered.state);
  }

  /** Takes back the last answer of this session; returns the card it applied to. */
  async undo(): Promise<string | undefined> {
    await this.ready();
    const last = this.undoStack.pop();
    if (!last) {
      return undefined;
    }
    await this.save(undoAnswer(this.current, last, Math.max(Date.now(), last.at + 1)));
    return last.record.id;
  }

  /** Forgets this machine's review state (for tests; a synced copy merges back in on the next load). */
  async reset(): Promise<void> {
    await this.ready();
    this.undoStack.length = 0;
    this.noteCards = new Map();
    await this.save(emptyReviewState(Date.now()));
  }

  /** Matches the cards of every topic in review to its note as the catalog has it now. */
  private async syncCards(loaded: LoadedCatalog, save = true): Promise<void> {
    const now = Date.now();
    let next = this.current;
    const noteCards = new Map<string, NoteCard>();
    for (const topicId of Object.keys(next.topics)) {
      const topic = loaded.catalog.topics.get(topicId);
      if (!topic) {
        // A topic gone from the catalog (its folder removed, say) keeps its cards as they are until it returns.
        continue;
      }
      const cards = extractCards(topic);
      next = syncTopicCards(next, topicId, cards, now);
      const known = Object.values(next.cards).filter((card) => card.topicId === topicId);
      for (const matched of matchCards(topicId, known, cards).cards) {
        noteCards.set(matched.id, matched.card);
      }
    }
    this.noteCards = noteCards;
    if (next !== this.current && save) {
      await this.save(next);
    } else {
      this.current = next;
      this.changed.fire();
    }
  }

  private async readFile(): Promise<ReviewState> {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(this.file));
    } catch {
      return emptyReviewState();
    }
    let raw: unknown;
    let problem: string | undefined;
    try {
      raw = JSON.parse(text) as unknown;
    } catch {
      problem = 'it is not valid JSON';
    }
    const read = problem ? { state: emptyReviewState(), problem } : readReviewState(raw);
    if (read.problem) {
      const aside = await this.keepAside(text, 'file');
      this.report(`${this.file.fsPath}: ${read.problem}`, aside);
    }
    return read.state;
  }

  /** Moves the unreadable copy beside the state, under a name nothing writes to, so nothing is lost. */
  private async keepAside(text: string, what: 'file' | 'synced'): Promise<vscode.Uri | undefined> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const aside = vscode.Uri.joinPath(this.storage, `review.v1.unreadable-${what}-${stamp}.json`);
    try {
      if (what === 'file') {
        await vscode.workspace.fs.rename(this.file, aside, { overwrite: false });
      } else {
        await vscode.workspace.fs.createDirectory(this.storage);
        await vscode.workspace.fs.writeFile(aside, new TextEncoder().encode(text));
      }
      return aside;
    } catch {
      return undefined;
    }
  }

  private report(problem: string, aside: vscode.Uri | undefined): void {
    const where = aside ? `It is kept unchanged as ${aside.fsPath}.` : 'It could not be moved aside, so Nexus will not write over it.';
    const message = `Nexus could not read your review state (${problem}). ${where} Reviewing goes on with what could be read; if a newer Nexus wrote it, update Nexus and it is read again.`;
    this.problems.push(message);
    if (!aside) {
      this.fileBlocked = true;
    }
    void vscode.window.showWarningMessage(message);
  }

  /** Set when an unreadable file could not be moved aside: then only the synced copy is written. */
  private fileBlocked = false;

  /** Shown as changed only once stored, so what the learner sees is what a reload brings back. */
  private async save(next: ReviewState): Promise<void> {
    this.current = next;
    const text = JSON.stringify(next);
    // Writes go one after another, so an older value can never land after a newer one.
    this.writes = this.writes
      .then(() => Promise.all([this.fileBlocked ? undefined : writeFileAtomically(this.file, text), this.state.update(REVIEW_KEY, next)]))
      .catch((error: unknown) => {
        void vscode.window.showErrorMessage(`Nexus could not save your review state: ${String(error)}`);
      });
    await this.writes;
    this.changed.fire();
  }

  dispose(): void {
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}
