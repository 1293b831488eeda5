import type { Topic } from './model';

/** Where a query word was found, best first: a title match outranks a tag, a heading, the summary, the body. */
const FIELD_WEIGHTS = { title: 10, tags: 6, headings: 4, summary: 3, body: 1 } as const;
export type SearchField = keyof typeof FIELD_WEIGHTS;
const FIELDS = Object.keys(FIELD_WEIGHTS) as SearchField[];

export interface SearchHit {
  topic: Topic;
  score: number;
  /** The best field any query word was found in. */
  field: SearchField;
  /** A short passage around the first match outside the title, for the result's detail line. */
  excerpt: string | undefined;
}

interface Posting {
  doc: number;
  weight: number;
  field: SearchField;
  count: number;
}

const WORD = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/**
 * Ranked search over titles, tags, summaries, headings and body text. Every query word must match a word of
 * the topic by prefix (so results narrow as one types); scores add up per word and favour better fields,
 * exact words over prefixes, and repeated mentions a little.
 */
export class TopicSearch {
  private readonly topics: Topic[];
  private readonly postings = new Map<string, Posting[]>();
  private readonly words: string[];

  constructor(topics: Iterable<Topic>) {
    this.topics = [...topics];
    this.topics.forEach((topic, doc) => {
      const best = new Map<string, Posting>();
      for (const field of FIELDS) {
        for (const word of tokenize(fieldText(topic, field))) {
          const posting = best.get(word);
          if (!posting) {
            best.set(word, { doc, weight: FIELD_WEIGHTS[field], field, count: 1 });
          } else {
            posting.count++;
          }
        }
      }
      for (const [word, posting] of best) {
        let list = this.postings.get(word);
        if (!list) {
          list = [];
          this.postings.set(word, list);
        }
        list.push(posting);
      }
    });
    this.words = [...this.postings.keys()].sort();
  }

  search(query: string, limit = 50): SearchHit[] {
    const terms = [...new Set(tokenize(query))];
    // No terms leave `scores` unset: no hits.
    let scores: Map<number, { score: number; weight: number; field: SearchField }> | undefined;
    for (const term of terms) {
      const termScores = new Map<number, { score: number; weight: number; field: SearchField }>();
      for (const word of this.wordsStartingWith(term)) {
        const exact = word === term ? 1 : 0.7;
        // Every word of the vocabulary has its postings.
        for (const posting of this.postings.get(word)!) {
          const score = posting.weight * exact + Math.log2(1 + posting.count) * 0.25;
          const previous = termScores.get(posting.doc);
          if (!previous || score > previous.score) {
            termScores.set(posting.doc, { score, weight: posting.weight, field: posting.field });
          }
        }
      }
      if (!scores) {
        scores = termScores;
      } else {
        for (const [doc, entry] of scores) {
          const next = termScores.get(doc);
          if (!next) {
            scores.delete(doc);
          } else {
            entry.score += next.score;
            if (next.weight > entry.weight) {
              entry.weight = next.weight;
              entry.field = next.field;
            }
          }
        }
      }
    }
    const phrase = query.trim().toLowerCase();
    const ranked = [...(scores ?? [])].map(([doc, entry]) => {
      const topic = this.topics[doc];
      const title = topic.title.toLowerCase();
      // The whole query inside the title, and at its start, is what a person most likely means.
      const bonus = title.startsWith(phrase) ? 8 : title.includes(phrase) ? 4 : 0;
      return { topic, score: entry.score + bonus, field: entry.field };
    });
    ranked.sort((a, b) => b.score - a.score || a.topic.order - b.topic.order || a.topic.title.localeCompare(b.topic.title));
    return ranked.slice(0, limit).map((hit) => ({ ...hit, excerpt: excerptFor(hit.topic, terms) }));
  }

  private wordsStartingWith(prefix: string): string[] {
    let low = 0;
    let high = this.words.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.words[mid] < prefix) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    const found: string[] = [];
    for (let index = low; index < this.words.length && this.words[index].startsWith(prefix); index++) {
      found.push(this.words[index]);
    }
    return found;
  }
}

function fieldText(topic: Topic, field: SearchField): string {
  switch (field) {
    case 'title':
      return topic.title;
    case 'tags':
      return topic.tags.join(' ');
    case 'headings':
      return topic.headings.join('\n');
    case 'summary':
      return topic.summary;
    case 'body':
      return topic.body;
  }
}

const EXCERPT_RADIUS = 50;

/** The first passage outside the title that contains a query word, on one line, trimmed to whole words. */
export function excerptFor(topic: Topic, terms: readonly string[]): string | undefined {
  for (const field of ['summary', 'headings', 'tags', 'body'] as const) {
    const text = fieldText(topic, field);
    const lower = text.toLowerCase();
    let at = -1;
    for (const term of terms) {
      const index = findWordStart(lower, term);
      if (index >= 0 && (at < 0 || index < at)) {
        at = index;
      }
    }
    if (at >= 0) {
      const start = Math.max(0, lower.lastIndexOf(' ', Math.max(0, at - EXCERPT_RADIUS)) + 1);
      const endSpace = lower.indexOf(' ', at + EXCERPT_RADIUS);
      const end = endSpace === -1 ? text.length : endSpace;
      const passage = text.slice(start, end).replace(/\s+/g, ' ').trim();
      return `${start > 0 ? '…' : ''}${passage}${end < text.length ? '…' : ''}`;
    }
  }
  return undefined;
}

function findWordStart(text: string, term: string): number {
  let from = 0;
  for (;;) {
    const index = text.indexOf(term, from);
    if (index <= 0 || !/[\p{L}\p{N}_]/u.test(text[index - 1])) {
      return index;
    }
    from = index + 1;
  }
}
