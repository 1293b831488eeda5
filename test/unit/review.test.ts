import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type * as Fsrs from 'ts-fsrs' with { 'resolution-mode': 'import' };
import { loadCatalog } from '../../src/core/loadCatalog';
import { extractCards, type NoteCard } from '../../src/core/review/cards';
import { matchCards, normaliseQuestion } from '../../src/core/review/identity';
import { answer, formatInterval, newSchedule, preview, type Grade } from '../../src/core/review/schedule';
import {
  answerCard,
  emptyReviewState,
  enrollTopics,
  mergeReviewStates,
  readReviewState,
  reviewQueue,
  syncTopicCards,
  undoAnswer,
  type ReviewState,
} from '../../src/core/review/state';
import { ankiText, forecast, reviewLogCsv, topicStats } from '../../src/core/review/stats';
import { isExtensionToWebview, isReviewPanelState, isWebviewToExtension } from '../../src/protocol';
import { diskReader, fileUri } from '../harness/diskReader';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see src/core/review/schedule.ts
const { createEmptyCard, fsrs } = require('ts-fsrs') as typeof Fsrs;
import { repoRoot } from '../harness/paths';

/** A fixed clock: every test starts on the same instant, and time moves only when a test says so. */
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;

function note(body: string, source: 'bundled' | 'user' = 'bundled'): { id: string; body: string; bodyLine: number; source: 'bundled' | 'user' } {
  return { id: 'orm', body, bodyLine: 10, source };
}

function details(question: string, answerText = 'Because.'): string {
  return `<details>\n<summary>${question}</summary>\n\n${answerText}\n\n</details>\n`;
}

function card(question: string): NoteCard {
  return { topicId: 'orm', question, answer: 'A', line: 1, anchor: '' };
}

function enrolled(questions: string[], now = T0): ReviewState {
  return syncTopicCards(enrollTopics(emptyReviewState(), ['orm'], now), 'orm', questions.map(card), now);
}

const QUEUE = { startOfDay: Date.UTC(2026, 0, 5), newPerDay: 20 };

describe('review: cards from notes', () => {
  it('reads every self-check <details> with its question, answer, file line and heading anchor', () => {
    const body = ['# ORM', '', '## Self-check', '', details('Which calls fix the <code>N+1</code>?', '`select_related`, then:\n\n```python\nqs = Order.objects.all()\n```'), details('Second?')].join('\n');
    const cards = extractCards(note(body));
    assert.equal(cards.length, 2);
    assert.equal(cards[0].question, 'Which calls fix the <code>N+1</code>?');
    assert.match(cards[0].answer, /^`select_related`, then:\n\n```python\nqs = Order.objects.all\(\)\n```$/);
    assert.equal(cards[0].line, 14, 'body line 5 of a body that starts on file line 10');
    assert.equal(cards[0].anchor, 'self-check');
    assert.equal(cards[1].question, 'Second?');
  });

  it('ignores <details> and Q: inside code fences, and Q:/A: pairs in bundled notes', () => {
    const body = ['```html', details('In a fence?'), '```', '', 'Q: a bundled pair?', 'A: no'].join('\n');
    assert.deepEqual(extractCards(note(body)), []);
  });

  it('reads Q: / A: pairs in the learner\'s notes, answers running to the next Q:, heading or rule', () => {
    const body = [
      '## Indexes',
      'Q: When does Postgres skip an index?',
      'A: When the planner expects many rows:',
      '',
      '```sql',
      'Q: not a card',
      '```',
      'Q: What is a covering index?',
      'A: One holding every column the query reads.',
      '## Next',
      'Q: Just prose without an answer.',
      '',
      'More prose.',
    ].join('\n');
    const cards = extractCards(note(body, 'user'));
    assert.deepEqual(cards.map((c) => c.question), ['When does Postgres skip an index?', 'What is a covering index?']);
    assert.equal(cards[0].answer, 'When the planner expects many rows:\n\n```sql\nQ: not a card\n```');
    assert.equal(cards[1].answer, 'One holding every column the query reads.');
    assert.equal(cards[1].anchor, 'indexes');
  });

  it('finds the self-checks of every bundled note', async () => {
    const catalog = await loadCatalog(diskReader, { bundled: fileUri(path.join(repoRoot, 'content')), user: [] });
    for (const topic of catalog.topics.values()) {
      const expected = (topic.body.match(/^<details>/gm) ?? []).length;
      const cards = extractCards(topic);
      assert.ok(cards.length > 0, `${topic.id} has self-check cards`);
      assert.equal(cards.length, expected, `${topic.id}: one card per <details>`);
      assert.ok(cards.every((c) => c.anchor === 'self-check'), `${topic.id}: cards sit under ## Self-check`);
    }
  });
});

describe('review: card identity', () => {
  const known = (state: ReviewState): Array<{ id: string; text: string }> => Object.values(state.cards).map(({ id, text }) => ({ id, text }));

  it('keeps a card whose question changed by a word, and one moved within the note', () => {
    const state = enrolled(['Which calls fix the N+1 on an order list?', 'Why not select_related for many-to-many tags?']);
    const [first, second] = Object.keys(state.cards);
    const edited = matchCards('orm', known(state), [card('Why not use select_related for many-to-many tags?'), card('Which calls solve the N+1 on an order list?')]);
    assert.deepEqual(edited.cards.map((c) => c.id), [second, first]);
    assert.deepEqual(edited.missing, []);
  });

  it('gives a rewritten question a new card and retires the old one with its history', () => {
    let state = enrolled(['Which calls fix the N+1 on an order list?']);
    const [id] = Object.keys(state.cards);
    state = answerCard(state, id, 3, T0).state;
    state = syncTopicCards(state, 'orm', [card('How does prefetch_related assemble rows in Python?')], T0 + DAY);
    const active = Object.values(state.cards).filter((c) => c.retired === undefined);
    assert.equal(active.length, 1);
    assert.notEqual(active[0].id, id);
    assert.equal(state.cards[id].retired, T0 + DAY);
    assert.equal(state.log.filter((e) => e.cardId === id).length, 1, 'the retired card keeps its log');
    // The question comes back: so does the card, with its schedule.
    state = syncTopicCards(state, 'orm', [card('Which calls fix the N+1 on an order list?')], T0 + 2 * DAY);
    assert.equal(state.cards[id].retired, undefined);
    assert.equal(state.cards[id].schedule.reps, 1);
  });

  it('ignores markup and case in the fingerprint, and keeps two equal questions apart', () => {
    assert.equal(normaliseQuestion('Why <code>select_related</code>?'), normaliseQuestion('why select_related'));
    const twins = matchCards('orm', [], [card('Same?'), card('Same?')]);
    assert.equal(new Set(twins.cards.map((c) => c.id)).size, 2);
    assert.ok(twins.cards.every((c) => c.id.startsWith('orm#')));
  });
});

describe('review: scheduling through ts-fsrs', () => {
  it('grows the interval with each Good and shrinks it after Again', () => {
    let schedule = newSchedule(T0);
    let now = T0;
    const intervals: number[] = [];
    for (let i = 0; i < 6; i++) {
      schedule = answer(schedule, 3, now);
      intervals.push(schedule.due - now);
      now = schedule.due;
    }
    for (let i = 1; i < intervals.length; i++) {
      assert.ok(intervals[i] >= intervals[i - 1], `interval ${i} (${formatInterval(intervals[i])}) >= ${formatInterval(intervals[i - 1])}`);
    }
    assert.ok(intervals.at(-1)! > 7 * DAY, `after six Goods the card waits over a week (${formatInterval(intervals.at(-1)!)})`);
    const lapsed = answer(schedule, 1, now);
    assert.ok(lapsed.due - now < intervals.at(-1)!, 'Again shortens the interval');
    assert.equal(lapsed.phase, 'relearning');
    assert.equal(lapsed.lapses, 1);
  });

  it('gives what ts-fsrs gives for the same history, through the stored record', () => {
    const scheduler = fsrs({ enable_fuzz: false });
    const history: Array<[Grade, number]> = [[3, 0], [3, 10 * MINUTE], [2, 1 * DAY], [1, 4 * DAY], [3, 4 * DAY + 10 * MINUTE], [4, 9 * DAY], [3, 30 * DAY]];
    let library = createEmptyCard(new Date(T0));
    // What storage holds goes through JSON each time, as it does between sessions.
    let ours = JSON.parse(JSON.stringify(newSchedule(T0))) as ReturnType<typeof newSchedule>;
    for (const [grade, offset] of history) {
      const at = T0 + offset;
      library = scheduler.next(library, new Date(at), grade as Fsrs.Grade).card;
      ours = JSON.parse(JSON.stringify(answer(ours, grade, at))) as typeof ours;
      assert.equal(ours.due, library.due.getTime(), `due after grade ${grade} at +${offset}`);
      assert.equal(ours.stability, library.stability);
      assert.equal(ours.difficulty, library.difficulty);
      assert.equal(ours.reps, library.reps);
      assert.equal(ours.lapses, library.lapses);
    }
  });

  it('labels each button with the interval it gives', () => {
    const labels = Object.values(preview(newSchedule(T0), T0)).map((s) => formatInterval(s.due - T0));
    assert.deepEqual(labels, ['1m', '6m', '10m', '8d']);
    assert.equal(formatInterval(45 * DAY), '1.5mo');
    assert.equal(formatInterval(730 * DAY), '2y');
  });
});

describe('review: queue, undo and stats', () => {
  it('shows due cards first, then new cards up to the daily cap, and counts new cards seen today', () => {
    let state = enrolled(['q one', 'q two', 'q three about something else']);
    const ids = Object.keys(state.cards);
    assert.equal(reviewQueue(state, { ...QUEUE, now: T0, newPerDay: 2 }).length, 2);
    state = answerCard(state, ids[0], 1, T0).state;
    const queue = reviewQueue(state, { ...QUEUE, now: T0 + 2 * MINUTE, newPerDay: 2 });
    assert.deepEqual(queue.map((c) => c.id), [ids[0], ids[1]], 'the relearning card, then one more new card');
    assert.equal(reviewQueue(state, { ...QUEUE, now: T0 + 2 * MINUTE, newPerDay: 2, topicId: 'orm' }).length, 3, 'Review This Topic is not capped');
    const tomorrow = reviewQueue(state, { now: T0 + DAY, startOfDay: QUEUE.startOfDay + DAY, newPerDay: 2 });
    assert.equal(tomorrow.length, 3);
  });

  it('undoes the last answer, and the undo survives a merge with a copy that still has the answer', () => {
    const state = enrolled(['q one']);
    const [id] = Object.keys(state.cards);
    const answered = answerCard(state, id, 4, T0);
    const undone = undoAnswer(answered.state, answered.undo, T0 + 1000);
    assert.deepEqual(undone.cards[id].schedule, state.cards[id].schedule);
    assert.equal(undone.log[0].undone, true);
    const merged = mergeReviewStates(answered.state, undone);
    assert.deepEqual(merged.cards[id].schedule, state.cards[id].schedule);
    assert.equal(merged.log.length, 1);
    assert.equal(merged.log[0].undone, true);
  });

  it('merges two machines per card: the newest review wins, logs are joined', () => {
    const base = enrolled(['q one', 'q two that differs']);
    const [one, two] = Object.keys(base.cards);
    const laptop = answerCard(answerCard(base, one, 3, T0).state, two, 1, T0 + 5 * MINUTE).state;
    const desktop = answerCard(base, two, 4, T0 + 10 * MINUTE).state;
    const merged = mergeReviewStates(laptop, desktop);
    assert.deepEqual(merged.cards[one].schedule, laptop.cards[one].schedule);
    assert.deepEqual(merged.cards[two].schedule, desktop.cards[two].schedule);
    assert.equal(merged.log.length, 3);
    assert.deepEqual(mergeReviewStates(desktop, laptop), merged, 'order does not matter');
  });

  it('reports a corrupt, foreign or future-version value instead of reading it as empty silently', () => {
    assert.equal(readReviewState(undefined).problem, undefined);
    assert.match(readReviewState('garbage').problem ?? '', /not a Nexus review state/);
    assert.match(readReviewState({ version: 2, cards: {} }).problem ?? '', /newer Nexus \(format 2/);
    const good = enrolled(['q one']);
    const damaged = JSON.parse(JSON.stringify(good)) as { cards: Record<string, unknown> };
    damaged.cards.broken = { id: 'broken' };
    const read = readReviewState(damaged);
    assert.match(read.problem ?? '', /1 of its entries/);
    assert.deepEqual(Object.keys(read.state.cards), Object.keys(good.cards), 'the readable cards are kept');
    assert.deepEqual(readReviewState(JSON.parse(JSON.stringify(good))), { state: good });
  });

  it('counts retention and reviews per topic over 30 days, and forecasts 14 days of due cards', () => {
    let state = enrolled(['q one', 'q two that differs']);
    const [one, two] = Object.keys(state.cards);
    state = answerCard(state, one, 4, T0).state; // new → review, due in 8 days
    state = answerCard(state, one, 3, T0 + 8 * DAY).state; // a review, passed
    state = answerCard(state, two, 4, T0).state;
    state = answerCard(state, two, 1, T0 + 8 * DAY).state; // a review, forgotten
    const [stats] = topicStats(state, T0 + 9 * DAY);
    assert.deepEqual({ ...stats }, { topicId: 'orm', cards: 2, reviews: 4, retention: 0.5 });
    assert.equal(topicStats(state, T0 + 60 * DAY)[0].reviews, 0);
    const days = forecast(state, QUEUE.startOfDay + 8 * DAY);
    assert.equal(days.length, 14);
    const within = Object.values(state.cards).filter((c) => c.schedule.due < QUEUE.startOfDay + 22 * DAY).length;
    assert.equal(days.reduce((a, b) => a + b, 0), within);
    assert.equal(days[0], 1, 'the relearning card is due today');
  });

  it('exports the log as CSV and the cards as an Anki text file', () => {
    let state = enrolled(['Why, "exactly"?']);
    const [id] = Object.keys(state.cards);
    state = answerCard(state, id, 3, T0).state;
    const csv = reviewLogCsv(state, () => 'Why, "exactly"?');
    const [header, row] = csv.split('\r\n');
    assert.equal(header, 'reviewed_at,card_id,topic_id,question,rating,phase_before,interval_days,due,stability,difficulty');
    assert.ok(row.startsWith(`2026-01-05T09:00:00.000Z,${id},orm,"Why, ""exactly""?",Good,new,0,`), row);
    const anki = ankiText([{ front: '<p>Q "x"</p>', back: '<pre>a\tb\nc</pre>', tags: ['nexus', 'orm'] }]);
    assert.equal(anki, '#separator:tab\n#html:true\n#notetype:Basic\n#deck:Nexus\n#tags column:3\n#columns:Front\tBack\tTags\n"<p>Q ""x""</p>"\t"<pre>a\tb\nc</pre>"\tnexus orm\n');
  });
});

describe('review: messages between the panel and the extension', () => {
  const card = { cardId: 'orm#x', topicId: 'orm', topicTitle: 'ORM', anchor: 'self-check', question: '<p>Q</p>', answer: '<p>A</p>', intervals: ['1m', '6m', '10m', '8d'] };

  it('accepts well-formed review messages both ways', () => {
    assert.ok(isExtensionToWebview({ type: 'review', card, remaining: 3, reviewed: 1, canUndo: true }));
    assert.ok(isExtensionToWebview({ type: 'review', remaining: 0, reviewed: 4, nextDue: 'in 10m' }));
    assert.ok(isExtensionToWebview({ type: 'reviewStats', topics: [{ topicId: 'orm', title: 'ORM', cards: 2, reviews: 4, retention: 0.5 }], forecast: [1, 0], today: '2026-01-05', due: 1, problems: [] }));
    assert.ok(isWebviewToExtension({ type: 'answer', cardId: 'orm#x', grade: 3 }));
    assert.ok(isWebviewToExtension({ type: 'undo' }));
    assert.ok(isReviewPanelState({ mode: 'review', topicId: 'orm' }));
  });

  it('refuses malformed ones', () => {
    assert.ok(!isExtensionToWebview({ type: 'review', card: { ...card, intervals: ['1m'] }, remaining: 3, reviewed: 1 }));
    assert.ok(!isExtensionToWebview({ type: 'review', card: { ...card, answer: 5 }, remaining: 3, reviewed: 1 }));
    assert.ok(!isExtensionToWebview({ type: 'reviewStats', topics: [{ topicId: 'orm', title: 'ORM', cards: 'two', reviews: 4 }], forecast: [], today: 'x', due: 0, problems: [] }));
    assert.ok(!isWebviewToExtension({ type: 'answer', cardId: 'orm#x', grade: 5 }));
    assert.ok(!isWebviewToExtension({ type: 'answer', cardId: 'orm#x', grade: '3' }));
    assert.ok(!isReviewPanelState({ mode: 'cram' }));
  });
});
