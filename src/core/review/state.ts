import type { NoteCard } from './cards';
import { matchCards } from './identity';
import { answer, isSchedule, newSchedule, PHASES, type Grade, type Phase, type Schedule } from './schedule';

/**
 * The learner's review state: which topics are in review, each card's schedule, and the log of answers. It is
 * theirs, so it lives apart from their notes; the version in the key and in the value lets a later shape migrate
 * from this one. Values are never mutated in place: every change returns a new state.
 */
export const REVIEW_KEY = 'nexus.review.v1';
export const REVIEW_VERSION = 1;

export interface CardRecord {
  id: string;
  topicId: string;
  /** Its normalised question as last seen, which the next version of the note is matched against. */
  text: string;
  /** When it entered review. */
  added: number;
  /** When its note stopped having it; its history is kept, and it comes back if the question does. */
  retired?: number;
  schedule: Schedule;
  /** When it was last answered (or an answer undone): across machines the newest wins. */
  updatedAt: number;
}

export interface ReviewEntry {
  cardId: string;
  at: number;
  grade: Grade;
  /** The phase before the answer: a `new` entry is a first sight, a `review` entry tests memory. */
  phase: Phase;
  /** The interval it got, in days (0 while learning). */
  scheduledDays: number;
  due: number;
  stability: number;
  difficulty: number;
  /** Taken back with Undo; kept so that a merge with a copy from before the undo cannot bring it back. */
  undone?: boolean;
}

export interface ReviewState {
  version: typeof REVIEW_VERSION;
  /** Topic id → when its cards entered review. */
  topics: Record<string, number>;
  cards: Record<string, CardRecord>;
  log: ReviewEntry[];
  updatedAt: number;
}

export function emptyReviewState(updatedAt = 0): ReviewState {
  return { version: REVIEW_VERSION, topics: {}, cards: {}, log: [], updatedAt };
}

export interface ReadResult {
  state: ReviewState;
  /** Why the stored value could not be read whole: the caller keeps it aside and tells the learner. */
  problem?: string;
}

/** Reads a stored value. Nothing stored is not a problem; anything else this version cannot read in full is. */
export function readReviewState(raw: unknown): ReadResult {
  if (raw === undefined || raw === null) {
    return { state: emptyReviewState() };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { state: emptyReviewState(), problem: 'it is not a Nexus review state' };
  }
  const value = raw as Partial<Record<keyof ReviewState, unknown>>;
  if (typeof value.version === 'number' && value.version > REVIEW_VERSION) {
    return { state: emptyReviewState(), problem: `it was written by a newer Nexus (format ${value.version}; this one reads ${REVIEW_VERSION})` };
  }
  if (value.version !== REVIEW_VERSION) {
    return { state: emptyReviewState(), problem: 'it has no known format version' };
  }
  const state = emptyReviewState(finite(value.updatedAt) ? value.updatedAt : 0);
  let dropped = 0;
  for (const [id, at] of Object.entries(isRecord(value.topics) ? value.topics : {})) {
    if (finite(at)) {
      state.topics[id] = at;
    } else {
      dropped++;
    }
  }
  for (const [id, card] of Object.entries(isRecord(value.cards) ? value.cards : {})) {
    if (isCardRecord(card) && card.id === id) {
      state.cards[id] = card;
    } else {
      dropped++;
    }
  }
  for (const entry of Array.isArray(value.log) ? value.log : []) {
    if (isReviewEntry(entry)) {
      state.log.push(entry);
    } else {
      dropped++;
    }
  }
  if (!isRecord(value.topics) || !isRecord(value.cards) || !Array.isArray(value.log)) {
    return { state, problem: 'parts of it are missing' };
  }
  return dropped > 0 ? { state, problem: `${dropped} of its entries could not be read` } : { state };
}

/**
 * Two copies of the state (this machine's file, the synced one): per card the one answered last wins, the logs
 * are joined (an undo on either side stays undone), and a topic counts as in review from its earliest entry.
 */
export function mergeReviewStates(a: ReviewState, b: ReviewState): ReviewState {
  const merged = emptyReviewState(Math.max(a.updatedAt, b.updatedAt));
  for (const source of [a, b]) {
    for (const [id, at] of Object.entries(source.topics)) {
      merged.topics[id] = Math.min(at, merged.topics[id] ?? at);
    }
    for (const [id, card] of Object.entries(source.cards)) {
      const other = merged.cards[id];
      if (!other || card.updatedAt > other.updatedAt) {
        merged.cards[id] = card;
      }
    }
  }
  const entries = new Map<string, ReviewEntry>();
  for (const entry of [...a.log, ...b.log]) {
    const key = `${entry.cardId}@${entry.at}`;
    const known = entries.get(key);
    entries.set(key, known ? { ...known, undone: known.undone === true || entry.undone === true } : entry);
  }
  merged.log = [...entries.values()].sort((x, y) => x.at - y.at);
  return merged;
}

/** Puts topics in review (the cards come with syncTopicCards); a topic already in review keeps its date. */
export function enrollTopics(state: ReviewState, topicIds: readonly string[], now: number): ReviewState {
  const missing = topicIds.filter((id) => !(id in state.topics));
  if (missing.length === 0) {
    return state;
  }
  const topics = { ...state.topics };
  for (const id of missing) {
    topics[id] = now;
  }
  return { ...state, topics, updatedAt: now };
}

/**
 * Brings a topic's cards in line with its note: matched cards take the note's current text (and come back if
 * retired), new questions become new cards, questions gone are retired. Returns the same object when nothing changed.
 */
export function syncTopicCards(state: ReviewState, topicId: string, noteCards: readonly NoteCard[], now: number): ReviewState {
  if (!(topicId in state.topics)) {
    return state;
  }
  const known = Object.values(state.cards).filter((card) => card.topicId === topicId);
  const { cards, missing } = matchCards(topicId, known, noteCards);
  const next = { ...state.cards };
  let changed = false;
  for (const { id, text } of cards) {
    const record = next[id];
    if (!record) {
      next[id] = { id, topicId, text, added: now, schedule: newSchedule(now), updatedAt: 0 };
      changed = true;
    } else if (record.text !== text || record.retired !== undefined) {
      // The note's wording is not a review: it changes the record without making it win a merge.
      next[id] = { ...record, text };
      delete next[id].retired;
      changed = true;
    }
  }
  for (const id of missing) {
    if (next[id].retired === undefined) {
      next[id] = { ...next[id], retired: now };
      changed = true;
    }
  }
  return changed ? { ...state, cards: next, updatedAt: now } : state;
}

export interface Answered {
  state: ReviewState;
  /** What Undo puts back. */
  undo: { record: CardRecord; at: number };
}

export function answerCard(state: ReviewState, cardId: string, grade: Grade, now: number): Answered {
  const record = state.cards[cardId];
  if (!record) {
    throw new Error(`No card ${cardId} in review`);
  }
  const schedule = answer(record.schedule, grade, now);
  const entry: ReviewEntry = {
    cardId,
    at: now,
    grade,
    phase: record.schedule.phase,
    scheduledDays: schedule.scheduledDays,
    due: schedule.due,
    stability: schedule.stability,
    difficulty: schedule.difficulty,
  };
  return {
    state: { ...state, cards: { ...state.cards, [cardId]: { ...record, schedule, updatedAt: now } }, log: [...state.log, entry], updatedAt: now },
    undo: { record, at: now },
  };
}

/** Takes an answer back: the card's schedule as it was, the log entry marked undone. */
export function undoAnswer(state: ReviewState, undo: Answered['undo'], now: number): ReviewState {
  const log = state.log.map((entry) => (entry.cardId === undo.record.id && entry.at === undo.at ? { ...entry, undone: true } : entry));
  // Later than the answer it takes back, so the undo wins a merge with a copy that has the answer.
  return { ...state, cards: { ...state.cards, [undo.record.id]: { ...undo.record, updatedAt: now } }, log, updatedAt: now };
}

export interface QueueOptions {
  now: number;
  /** Local midnight that starts today, for the new-cards-per-day count. */
  startOfDay: number;
  newPerDay: number;
  /** Only this topic's cards, and its new cards without the daily cap (the learner asked for this topic). */
  topicId?: string;
  /** Cards that can be shown (their topic is in the catalog); others wait. */
  shown?: (card: CardRecord) => boolean;
}

/** New cards first seen today, which count against the daily cap. */
export function newSeenToday(state: ReviewState, startOfDay: number): number {
  return state.log.filter((entry) => !entry.undone && entry.phase === 'new' && entry.at >= startOfDay).length;
}

/**
 * What to review now, in order: cards in (re)learning whose step is due, then review cards by due date, then new
 * cards in the order they entered (up to today's cap).
 */
export function reviewQueue(state: ReviewState, options: QueueOptions): CardRecord[] {
  const active = Object.values(state.cards).filter(
    (card) => card.retired === undefined && (options.topicId === undefined || card.topicId === options.topicId) && (options.shown?.(card) ?? true),
  );
  const due = active.filter((card) => card.schedule.phase !== 'new' && card.schedule.due <= options.now);
  const learning = due.filter((card) => card.schedule.phase !== 'review').sort(byDue);
  const review = due.filter((card) => card.schedule.phase === 'review').sort(byDue);
  const allowed = options.topicId === undefined ? Math.max(0, options.newPerDay - newSeenToday(state, options.startOfDay)) : Infinity;
  const fresh = active
    .filter((card) => card.schedule.phase === 'new')
    .sort((a, b) => a.added - b.added || (state.topics[a.topicId] ?? 0) - (state.topics[b.topicId] ?? 0))
    .slice(0, allowed);
  return [...learning, ...review, ...fresh];
}

/** How many cards of each topic the queue holds now. */
export function dueByTopic(queue: readonly CardRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const card of queue) {
    counts.set(card.topicId, (counts.get(card.topicId) ?? 0) + 1);
  }
  return counts;
}

function byDue(a: CardRecord, b: CardRecord): number {
  return a.schedule.due - b.schedule.due;
}

function finite(value: unknown): value is number {
  // Number.isFinite never coerces: a string or null is not finite.
  return Number.isFinite(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isCardRecord(value: unknown): value is CardRecord {
  if (!isRecord(value)) {
    return false;
  }
  return (
    typeof value.id === 'string' &&
    typeof value.topicId === 'string' &&
    typeof value.text === 'string' &&
    finite(value.added) &&
    finite(value.updatedAt) &&
    (value.retired === undefined || finite(value.retired)) &&
    isSchedule(value.schedule)
  );
}

function isReviewEntry(value: unknown): value is ReviewEntry {
  if (!isRecord(value)) {
    return false;
  }
  return (
    typeof value.cardId === 'string' &&
    [1, 2, 3, 4].includes(value.grade as number) &&
    PHASES.includes(value.phase as Phase) &&
    ['at', 'scheduledDays', 'due', 'stability', 'difficulty'].every((key) => finite(value[key])) &&
    (value.undone === undefined || typeof value.undone === 'boolean')
  );
}
