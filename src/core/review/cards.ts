import { slugify } from '../markdown/headingAnchors';
import type { Topic } from '../model';

/** One question and its answer as a note states them, before it has an identity in the learner's state. */
export interface NoteCard {
  topicId: string;
  /** Markdown (inline HTML allowed), as written. */
  question: string;
  answer: string;
  /** 1-based line of the note file where the card starts. */
  line: number;
  /** The anchor of the heading the card sits under, for "open at the right heading"; '' above any heading. */
  anchor: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const DETAILS = /<details(?:\s[^>]*)?>\s*<summary>([\s\S]*?)<\/summary>([\s\S]*?)<\/details>/gi;

interface Line {
  text: string;
  /** Inside a fenced code block: never a card, never a heading. */
  code: boolean;
  anchor: string;
}

/**
 * The cards of a note: every `<details><summary>question</summary>answer</details>` (how the bundled notes write
 * their self-checks), and in the learner's own notes also `Q:` / `A:` pairs. Anything inside a code fence is
 * an example, not a card.
 */
export function extractCards(topic: Pick<Topic, 'id' | 'body' | 'bodyLine' | 'source'>): NoteCard[] {
  const lines = classify(topic.body);
  const cards = [...detailsCards(topic, lines), ...(topic.source === 'user' ? pairCards(topic, lines) : [])];
  return cards.sort((a, b) => a.line - b.line);
}

function classify(body: string): Line[] {
  const seen = new Map<string, number>();
  let fence: string | undefined;
  let anchor = '';
  return body.split('\n').map((text) => {
    const marker = FENCE.exec(text)?.[1];
    if (fence !== undefined) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) {
        fence = undefined;
      }
      return { text, code: true, anchor };
    }
    if (marker) {
      fence = marker;
      return { text, code: true, anchor };
    }
    const heading = HEADING.exec(text);
    if (heading) {
      // The same slugs, with the same -1, -2 for repeats, as the renderer gives the heading ids.
      const base = slugify(heading[2].replace(/`/g, '')) || 'section';
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchor = count === 0 ? base : `${base}-${count}`;
    }
    return { text, code: false, anchor };
  });
}

function detailsCards(topic: Pick<Topic, 'id' | 'body' | 'bodyLine'>, lines: Line[]): NoteCard[] {
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.text.length + 1;
  }
  const lineAt = (index: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= index) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  };
  const cards: NoteCard[] = [];
  for (const match of topic.body.matchAll(DETAILS)) {
    const index = lineAt(match.index);
    const question = match[1].trim();
    const answer = dedent(match[2]);
    if (lines[index].code || question === '' || answer === '') {
      continue;
    }
    cards.push({ topicId: topic.id, question, answer, line: topic.bodyLine + index, anchor: lines[index].anchor });
  }
  return cards;
}

const QUESTION = /^\s{0,3}Q:\s?(.*)$/;
const ANSWER = /^\s{0,3}A:\s?(.*)$/;

/** `Q:` starts a card; `A:` starts its answer, which runs to the next `Q:`, heading, rule or the end of the note. */
function pairCards(topic: Pick<Topic, 'id' | 'bodyLine'>, lines: Line[]): NoteCard[] {
  const cards: NoteCard[] = [];
  let current: { start: number; question: string[]; answer: string[] | undefined } | undefined;
  const finish = (): void => {
    if (current?.answer) {
      const question = current.question.join('\n').trim();
      const answer = current.answer.join('\n').trim();
      if (question !== '' && answer !== '') {
        cards.push({ topicId: topic.id, question, answer, line: topic.bodyLine + current.start, anchor: lines[current.start].anchor });
      }
    }
    current = undefined;
  };
  lines.forEach((line, index) => {
    const question = line.code ? null : QUESTION.exec(line.text);
    if (question) {
      finish();
      current = { start: index, question: [question[1]], answer: undefined };
      return;
    }
    if (!current) {
      return;
    }
    if (!line.code && (HEADING.test(line.text) || /^ {0,3}(?:-{3,}|\*{3,}|_{3,})\s*$/.test(line.text))) {
      finish();
      return;
    }
    const answer = line.code || current.answer ? null : ANSWER.exec(line.text);
    if (answer) {
      current.answer = [answer[1]];
    } else if (current.answer) {
      current.answer.push(line.text);
    } else if (line.text.trim() === '') {
      // A question without an answer before its paragraph ends is prose that happens to start with "Q:".
      current = undefined;
    } else {
      current.question.push(line.text);
    }
  });
  finish();
  return cards;
}

function dedent(text: string): string {
  const lines = text.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0));
  return Number.isFinite(indent) && indent > 0 ? lines.map((line) => line.slice(indent)).join('\n') : lines.join('\n');
}
