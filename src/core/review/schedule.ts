import type * as Fsrs from 'ts-fsrs' with { 'resolution-mode': 'import' };

// ts-fsrs ships ES modules plus a CommonJS build under its `require` condition, which Node and esbuild load;
// TypeScript's node16 resolution sees only the ES module types, so the types come through an import-mode type import.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createEmptyCard, fsrs } = require('ts-fsrs') as typeof Fsrs;
type Card = Fsrs.Card;

/**
 * Scheduling through ts-fsrs, behind Nexus's own record. The library's Card (Dates, enums, deprecated fields)
 * never reaches storage: a stored schedule is plain numbers and words that this module converts both ways, so a
 * new major version of the library changes this file, not the learner's saved data.
 */

export type Grade = 1 | 2 | 3 | 4;
export const GRADES: ReadonlyArray<{ grade: Grade; name: 'Again' | 'Hard' | 'Good' | 'Easy' }> = [
  { grade: 1, name: 'Again' },
  { grade: 2, name: 'Hard' },
  { grade: 3, name: 'Good' },
  { grade: 4, name: 'Easy' },
];

export const PHASES = ['new', 'learning', 'review', 'relearning'] as const;
export type Phase = (typeof PHASES)[number];

export interface Schedule {
  phase: Phase;
  /** When the card is next due (ms since epoch). */
  due: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  /** When it was last answered (ms since epoch); absent while new. */
  lastReview?: number;
}

const DAY_MS = 86_400_000;

/**
 * Fuzz off: the same answers on the same days always give the same intervals, which is what the learner is
 * shown on the buttons and what the tests check. ts-fsrs's other defaults stand (90% retention, steps 1m 10m).
 */
let scheduler: Fsrs.FSRS | undefined;
function fsrsScheduler(): Fsrs.FSRS {
  scheduler ??= fsrs({ enable_fuzz: false });
  return scheduler;
}

export function newSchedule(now: number): Schedule {
  return fromLibrary(createEmptyCard(new Date(now)));
}

export function toLibrary(schedule: Schedule): Card {
  return {
    due: new Date(schedule.due),
    stability: schedule.stability,
    difficulty: schedule.difficulty,
    // Deprecated in ts-fsrs 5, which recomputes it from last_review on every answer and preview.
    elapsed_days: 0,
    scheduled_days: schedule.scheduledDays,
    learning_steps: schedule.learningSteps,
    reps: schedule.reps,
    lapses: schedule.lapses,
    state: PHASES.indexOf(schedule.phase) as Fsrs.State,
    ...(schedule.lastReview === undefined ? {} : { last_review: new Date(schedule.lastReview) }),
  };
}

export function fromLibrary(card: Card): Schedule {
  return {
    phase: PHASES[card.state] ?? 'new',
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    ...(card.last_review ? { lastReview: card.last_review.getTime() } : {}),
  };
}

/** The schedule after answering with this grade now. */
export function answer(schedule: Schedule, grade: Grade, now: number): Schedule {
  return fromLibrary(fsrsScheduler().next(toLibrary(schedule), new Date(now), grade as Fsrs.Grade).card);
}

/** What each grade would give, for the labels on the buttons. */
export function preview(schedule: Schedule, now: number): Record<Grade, Schedule> {
  const record = fsrsScheduler().repeat(toLibrary(schedule), new Date(now));
  return { 1: fromLibrary(record[1].card), 2: fromLibrary(record[2].card), 3: fromLibrary(record[3].card), 4: fromLibrary(record[4].card) };
}

/** An interval as Anki labels its buttons: `1m`, `10m`, `3h`, `4d`, `2.1mo`, `1.5y`. */
export function formatInterval(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) {
    return `${minutes}m`;
  }
  const hours = ms / 3_600_000;
  if (hours < 24) {
    return `${Math.round(hours)}h`;
  }
  const days = ms / DAY_MS;
  if (days < 30) {
    return `${Math.round(days)}d`;
  }
  if (days < 365) {
    return `${trim(days / 30)}mo`;
  }
  return `${trim(days / 365)}y`;
}

function trim(value: number): string {
  return value.toFixed(1).replace(/\.0$/, '');
}

export function isSchedule(value: unknown): value is Schedule {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  const s = value as Record<string, unknown>;
  const finite = (key: string): boolean => Number.isFinite(s[key]);
  return (
    PHASES.includes(s.phase as Phase) &&
    ['due', 'stability', 'difficulty', 'scheduledDays', 'learningSteps', 'reps', 'lapses'].every(finite) &&
    (s.lastReview === undefined || finite('lastReview'))
  );
}
