import { sourceHash } from '../markdown/sourceHash';
import type { NoteCard } from './cards';
import { editDistance } from '../editDistance';

/**
 * Card identity. A card is known by the id it got when it first entered the learner's state (topic id plus a
 * fingerprint of its question) and by its question's normalised text. When a note changes, its cards are matched
 * to the topic's known cards by text, not by position, so moving a question keeps its history, and fuzzily, so
 * fixing a word keeps it too; a question rewritten beyond that is a new card, and the old one is retired.
 */

/** How alike two normalised questions must be (0–1, edit distance over length) to be the same card. */
export const SAME_CARD_SIMILARITY = 0.65;
/** Long questions are compared on their start: enough to tell them apart, and the comparison stays cheap. */
const COMPARED_LENGTH = 300;

export interface KnownCard {
  id: string;
  /** The normalised question it was last seen with. */
  text: string;
}

export interface MatchedCard {
  card: NoteCard;
  id: string;
  text: string;
}

export interface CardMatch {
  cards: MatchedCard[];
  /** Known cards the note no longer has. */
  missing: string[];
}

/** The words of a question, without markup, case or punctuation: what a small edit of form leaves unchanged. */
export function normaliseQuestion(markdown: string): string {
  return markdown
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/gi, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}+#]+/gu, ' ')
    .trim();
}

export function similarity(a: string, b: string): number {
  const x = a.slice(0, COMPARED_LENGTH);
  const y = b.slice(0, COMPARED_LENGTH);
  const longest = Math.max(x.length, y.length);
  return longest === 0 ? 1 : 1 - editDistance(x, y) / longest;
}


/**
 * Gives each card of a note its identity among the topic's known cards (retired ones included, so a question
 * put back gets its history back): the same text first, then the most similar above the threshold, then a new id.
 */
export function matchCards(topicId: string, known: readonly KnownCard[], cards: readonly NoteCard[]): CardMatch {
  const texts = cards.map((card) => normaliseQuestion(card.question));
  const assigned = new Map<number, string>();
  const taken = new Set<string>();
  texts.forEach((text, index) => {
    const same = known.find((candidate) => !taken.has(candidate.id) && candidate.text === text);
    if (same) {
      assigned.set(index, same.id);
      taken.add(same.id);
    }
  });
  const pairs: Array<{ index: number; id: string; score: number }> = [];
  texts.forEach((text, index) => {
    if (assigned.has(index)) {
      return;
    }
    for (const candidate of known) {
      if (!taken.has(candidate.id)) {
        const score = similarity(text, candidate.text);
        if (score >= SAME_CARD_SIMILARITY) {
          pairs.push({ index, id: candidate.id, score });
        }
      }
    }
  });
  for (const pair of pairs.sort((a, b) => b.score - a.score)) {
    if (!assigned.has(pair.index) && !taken.has(pair.id)) {
      assigned.set(pair.index, pair.id);
      taken.add(pair.id);
    }
  }
  const used = new Set(known.map((card) => card.id));
  const matched = cards.map((card, index) => {
    let id = assigned.get(index);
    if (id === undefined) {
      const base = `${topicId}#${sourceHash(texts[index])}`;
      id = base;
      for (let n = 2; used.has(id); n++) {
        id = `${base}-${n}`;
      }
      used.add(id);
    }
    return { card, id, text: texts[index] };
  });
  return { cards: matched, missing: known.filter((card) => !taken.has(card.id)).map((card) => card.id) };
}
