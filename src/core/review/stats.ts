import { GRADES } from './schedule';
import type { CardRecord, ReviewState } from './state';

const DAY_MS = 86_400_000;
export const STATS_DAYS = 30;
export const FORECAST_DAYS = 14;

export interface TopicStats {
  topicId: string;
  /** Cards in review (retired ones not counted). */
  cards: number;
  /** Answers in the last 30 days. */
  reviews: number;
  /**
   * Of the last 30 days' answers to cards already learned (in the review phase), the share not answered Again:
   * Anki's "true retention". Undefined until there is one such answer.
   */
  retention: number | undefined;
}

function answered(state: ReviewState, since: number): ReviewState['log'] {
  return state.log.filter((entry) => !entry.undone && entry.at >= since);
}

export function topicStats(state: ReviewState, now: number): TopicStats[] {
  const byTopic = new Map<string, TopicStats & { passed: number; tested: number }>();
  const of = (topicId: string): TopicStats & { passed: number; tested: number } => {
    let stats = byTopic.get(topicId);
    if (!stats) {
      stats = { topicId, cards: 0, reviews: 0, retention: undefined, passed: 0, tested: 0 };
      byTopic.set(topicId, stats);
    }
    return stats;
  };
  for (const topicId of Object.keys(state.topics)) {
    of(topicId);
  }
  for (const card of Object.values(state.cards)) {
    if (card.retired === undefined) {
      of(card.topicId).cards++;
    }
  }
  for (const entry of answered(state, now - STATS_DAYS * DAY_MS)) {
    const topicId = state.cards[entry.cardId]?.topicId;
    if (topicId === undefined) {
      continue;
    }
    const stats = of(topicId);
    stats.reviews++;
    if (entry.phase === 'review') {
      stats.tested++;
      stats.passed += entry.grade > 1 ? 1 : 0;
    }
  }
  return [...byTopic.values()].map(({ passed, tested, ...stats }) => ({ ...stats, retention: tested > 0 ? passed / tested : undefined }));
}

/**
 * Cards falling due on each of the next days, today first (today includes everything overdue). New cards are not
 * counted: they have no due date until first seen.
 */
export function forecast(state: ReviewState, startOfDay: number, days = FORECAST_DAYS): number[] {
  const counts = new Array<number>(days).fill(0);
  for (const card of Object.values(state.cards)) {
    if (card.retired !== undefined || card.schedule.phase === 'new') {
      continue;
    }
    const day = Math.max(0, Math.floor((card.schedule.due - startOfDay) / DAY_MS));
    if (day < days) {
      counts[day]++;
    }
  }
  return counts;
}

/** One CSV field per RFC 4180: quoted when it holds a comma, quote or line break. */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The review log (undone answers left out), one answer per row, oldest first. */
export function reviewLogCsv(state: ReviewState, questionOf: (card: CardRecord) => string): string {
  const rows = [['reviewed_at', 'card_id', 'topic_id', 'question', 'rating', 'phase_before', 'interval_days', 'due', 'stability', 'difficulty']];
  for (const entry of state.log) {
    const card = state.cards[entry.cardId];
    if (entry.undone || !card) {
      continue;
    }
    rows.push([
      new Date(entry.at).toISOString(),
      entry.cardId,
      card.topicId,
      questionOf(card),
      GRADES[entry.grade - 1].name,
      entry.phase,
      String(entry.scheduledDays),
      new Date(entry.due).toISOString(),
      entry.stability.toFixed(4),
      entry.difficulty.toFixed(4),
    ]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export interface ExportedCard {
  /** HTML of the front and back. */
  front: string;
  back: string;
  tags: string[];
}

/**
 * Cards as a text file Anki imports (File ▸ Import, Anki 2.1.55+ reads the headers): tab-separated, HTML fields,
 * the Basic note type, one deck, tags in the third column. Fields are quoted, so line breaks inside them survive.
 */
export function ankiText(cards: readonly ExportedCard[], deck = 'Nexus'): string {
  const field = (text: string): string => `"${text.replace(/"/g, '""')}"`;
  const tag = (text: string): string => text.replace(/\s+/g, '_');
  const header = ['#separator:tab', '#html:true', '#notetype:Basic', `#deck:${deck}`, '#tags column:3', '#columns:Front\tBack\tTags'];
  const lines = cards.map((card) => [field(card.front), field(card.back), card.tags.map(tag).join(' ')].join('\t'));
  return [...header, ...lines].join('\n') + '\n';
}
