import * as assert from 'node:assert/strict';
import type * as Fsrs from 'ts-fsrs' with { 'resolution-mode': 'import' };
import { extractCards, type NoteCard } from '../../src/core/review/cards';
import { matchCards, normaliseQuestion, similarity } from '../../src/core/review/identity';
import { answer, formatInterval, newSchedule } from '../../src/core/review/schedule';
import {
  answerCard,
  dueByTopic,
  emptyReviewState,
  enrollTopics,
  mergeReviewStates,
  newSeenToday,
  readReviewState,
  reviewQueue,
  syncTopicCards,
  undoAnswer,
  type ReviewState,
} from '../../src/core/review/state';
import { ankiText, forecast, reviewLogCsv, topicStats } from '../../src/core/review/stats';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see src/core/review/schedule.ts
const { createEmptyCard, fsrs } = require('ts-fsrs') as typeof Fsrs;

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 5);

const noteCard = (topicId: string, question: string, line = 1): NoteCard => ({ topicId, question, answer: 'A', line, anchor: '' });

/** Two topics in review: ORM questions enrolled first, Redis ones an hour later. */
function twoTopics(): ReviewState {
  let state = enrollTopics(emptyReviewState(), ['orm'], T0);
  state = enrollTopics(state, ['redis', 'orm'], T0 + 60 * MINUTE);
  state = syncTopicCards(state, 'orm', [noteCard('orm', 'What is an N+1 query?'), noteCard('orm', 'When does select_related help?')], T0);
  return syncTopicCards(state, 'redis', [noteCard('redis', 'What does cache-aside mean?'), noteCard('redis', 'Which TTL for sessions?')], T0 + 60 * MINUTE);
}

const idOf = (state: ReviewState, words: string): string => Object.values(state.cards).find((c) => c.text.includes(words))?.id as string;

describe('review state: reading what was stored', () => {
  const stored = (): Record<string, unknown> => JSON.parse(JSON.stringify(answerCard(twoTopics(), idOf(twoTopics(), 'n+1 query'), 3, T0).state)) as Record<string, unknown>;

  it('reads its own value back whole, and nothing stored as an empty state', () => {
    const value = stored();
    const read = readReviewState(value);
    assert.equal(read.problem, undefined);
    assert.deepEqual(read.state, value);
    assert.deepEqual(readReviewState(null), { state: emptyReviewState() });
    assert.deepEqual(readReviewState(undefined), { state: emptyReviewState() });
  });

  it('names what it could not read: wrong shape, no version, missing parts, each unreadable entry', () => {
    assert.deepEqual(readReviewState([]), { state: emptyReviewState(), problem: 'it is not a Nexus review state' });
    assert.deepEqual(readReviewState({ ...stored(), version: '1' }), { state: emptyReviewState(), problem: 'it has no known format version' });
    assert.deepEqual(readReviewState({ ...stored(), version: 0 }), { state: emptyReviewState(), problem: 'it has no known format version' });
    assert.deepEqual(readReviewState({ ...stored(), version: '2' }), { state: emptyReviewState(), problem: 'it has no known format version' });
    assert.equal(readReviewState({ ...stored(), version: 1 }).problem, undefined);
    for (const [part, broken] of [['topics', []], ['cards', null], ['log', {}]] as const) {
      const value = { ...stored(), [part]: broken };
      const read = readReviewState(value);
      assert.equal(read.problem, 'parts of it are missing', part);
      assert.equal(read.state.version, 1);
    }
    const noLog = stored();
    delete noLog.log;
    assert.equal(readReviewState(noLog).state.log.length, 0);
    assert.equal(Object.keys(readReviewState(noLog).state.cards).length, 4, 'what is there is kept');
  });

  it('drops each malformed topic, card and log entry, counting them, and keeps the rest', () => {
    const value = stored();
    const cards = value.cards as Record<string, Record<string, unknown>>;
    const [first] = Object.keys(cards);
    const good = cards[first];
    const log = value.log as Array<Record<string, unknown>>;
    const entry = log[0];
    const badCards: Array<[string, unknown]> = [
      ['null', null],
      ['array', []],
      ['wrong-id', { ...good, id: 'other' }],
      ['no-id', { ...good, id: 5 }],
      ['no-topic', { ...good, topicId: undefined }],
      ['no-text', { ...good, text: null }],
      ['no-added', { ...good, added: 'yesterday' }],
      ['no-updated', { ...good, updatedAt: Infinity }],
      ['bad-retired', { ...good, retired: 'yes' }],
      ['bad-phase', { ...good, schedule: { ...(good.schedule as object), phase: 'forgotten' } }],
      ['bad-due', { ...good, schedule: { ...(good.schedule as object), due: '2026-01-05' } }],
      ['nan-lapses', { ...good, schedule: { ...(good.schedule as object), lapses: NaN } }],
      ['bad-last', { ...good, schedule: { ...(good.schedule as object), lastReview: null } }],
      ['no-schedule', { ...good, schedule: null }],
      ['text-schedule', { ...good, schedule: 'new' }],
    ];
    for (const [id, card] of badCards) {
      cards[id] = (card !== null && typeof card === 'object' && !Array.isArray(card) && (card as { id: unknown }).id === good.id ? { ...card, id } : card) as Record<string, unknown>;
    }
    cards.retiredOk = { ...good, id: 'retiredOk', retired: T0 };
    const badEntries: unknown[] = [
      null,
      'x',
      { ...entry, cardId: 7 },
      { ...entry, grade: 5 },
      { ...entry, grade: 0 },
      { ...entry, phase: 'done' },
      { ...entry, at: null },
      { ...entry, scheduledDays: '1' },
      { ...entry, due: NaN },
      { ...entry, stability: undefined },
      { ...entry, difficulty: -Infinity },
      { ...entry, undone: 'yes' },
    ];
    value.log = [...log, { ...entry, at: T0 + 1, undone: true }, ...badEntries];
    value.topics = { ...(value.topics as object), broken: 'soon', never: null };
    value.updatedAt = 'now';
    const read = readReviewState(value);
    assert.equal(read.problem, `${badCards.length + badEntries.length + 2} of its entries could not be read`);
    assert.deepEqual(Object.keys(read.state.topics), ['orm', 'redis']);
    assert.deepEqual(Object.keys(read.state.cards).sort(), [...Object.keys(stored().cards as object), 'retiredOk'].sort());
    assert.equal(read.state.log.length, 2);
    assert.equal(read.state.log[1].undone, true);
    assert.equal(read.state.updatedAt, 0);
  });
});

describe('review state: changes', () => {
  it('enrolls topics once, keeping the first date, and returns the same state when nothing is new', () => {
    const state = twoTopics();
    assert.deepEqual(state.topics, { orm: T0, redis: T0 + 60 * MINUTE });
    assert.equal(enrollTopics(state, ['orm', 'redis'], T0 + DAY), state);
    const more = enrollTopics(state, ['orm', 'celery'], T0 + DAY);
    assert.deepEqual(more.topics, { orm: T0, redis: T0 + 60 * MINUTE, celery: T0 + DAY });
    assert.equal(more.updatedAt, T0 + DAY);
  });

  it('syncs only a topic in review, only its own cards, retiring and bringing back without a merge win', () => {
    const state = twoTopics();
    assert.equal(syncTopicCards(state, 'celery', [noteCard('celery', 'What is a broker?')], T0), state, 'not in review');
    assert.equal(syncTopicCards(state, 'orm', [noteCard('orm', 'When does select_related help?'), noteCard('orm', 'What is an N+1 query?')], T0 + DAY), state, 'moved, not changed');
    const ormId = idOf(state, 'select related');
    const answered = answerCard(state, ormId, 3, T0 + MINUTE).state;
    const retired = syncTopicCards(answered, 'orm', [noteCard('orm', 'What is an N+1 query?')], T0 + DAY);
    assert.equal(retired.cards[ormId].retired, T0 + DAY);
    assert.equal(retired.cards[ormId].updatedAt, T0 + MINUTE, 'retiring is not a review');
    assert.equal(Object.values(retired.cards).filter((c) => c.topicId === 'redis' && c.retired !== undefined).length, 0, 'other topics untouched');
    assert.equal(syncTopicCards(retired, 'orm', [noteCard('orm', 'What is an N+1 query?')], T0 + 2 * DAY), retired, 'already retired');
    const back = syncTopicCards(retired, 'orm', [noteCard('orm', 'What is an N+1 query?'), noteCard('orm', 'When does select_related help?')], T0 + 3 * DAY);
    assert.equal(back.cards[ormId].retired, undefined);
    assert.equal('retired' in back.cards[ormId], false);
    assert.deepEqual(back.cards[ormId].schedule, answered.cards[ormId].schedule, 'its history came back');
    assert.equal(back.updatedAt, T0 + 3 * DAY);
    const reworded = syncTopicCards(state, 'orm', [noteCard('orm', 'What is an N+1 query?'), noteCard('orm', 'When does select_related really help?')], T0 + DAY);
    assert.equal(reworded.cards[ormId].text, 'when does select related really help');
    assert.equal(reworded.cards[ormId].updatedAt, 0);
  });

  it('refuses to answer a card it does not have, by name', () => {
    assert.throws(() => answerCard(twoTopics(), 'orm#nope', 3, T0), /^Error: No card orm#nope in review$/);
  });

  it('undoes only the answer it took back', () => {
    const state = twoTopics();
    const id = idOf(state, 'n+1 query');
    const other = idOf(state, 'cache aside');
    const first = answerCard(state, id, 3, T0);
    const second = answerCard(first.state, other, 3, T0 + MINUTE);
    const third = answerCard(second.state, id, 3, T0 + MINUTE);
    const undone = undoAnswer(third.state, third.undo, T0 + 2 * MINUTE);
    assert.deepEqual(undone.log.map((e) => [e.cardId === id, e.at, e.undone === true]), [[true, T0, false], [false, T0 + MINUTE, false], [true, T0 + MINUTE, true]]);
    assert.deepEqual(undone.cards[id].schedule, first.state.cards[id].schedule);
    assert.equal(undone.cards[id].updatedAt, T0 + 2 * MINUTE);
  });

  it('merges: the latest copy\'s time, each topic\'s earliest date, a tie keeps the first copy, undone on either side stays undone', () => {
    const base = twoTopics();
    const id = idOf(base, 'n+1 query');
    const a = { ...answerCard(base, id, 3, T0).state, topics: { orm: T0 + 5, redis: T0 }, updatedAt: T0 + 9 };
    const b = { ...answerCard(base, id, 4, T0).state, topics: { orm: T0, celery: T0 + 7 }, updatedAt: T0 + 3 };
    const merged = mergeReviewStates(a, b);
    assert.equal(merged.updatedAt, T0 + 9);
    assert.deepEqual(merged.topics, { orm: T0, redis: T0, celery: T0 + 7 });
    assert.deepEqual(merged.cards[id].schedule, a.cards[id].schedule, 'same updatedAt: the first copy stays');
    assert.equal(merged.log.length, 1);
    const undoneInA = { ...a, log: a.log.map((e) => ({ ...e, undone: true })) };
    assert.equal(mergeReviewStates(undoneInA, b).log[0].undone, true);
    assert.equal(mergeReviewStates(b, undoneInA).log[0].undone, true);
    assert.equal(mergeReviewStates(a, b).log[0].undone, false);
  });
});

describe('review state: the queue', () => {
  it('orders relearning by due, then review cards by due, then new cards by when they came, within the cap', () => {
    let state = twoTopics();
    const [n1, sel, aside, ttl] = ['n+1 query', 'select related', 'cache aside', 'ttl'].map((w) => idOf(state, w));
    // Two cards learned to review (Easy), due on different days; one lapsed into relearning.
    state = answerCard(state, aside, 4, T0 + MINUTE).state;
    state = answerCard(state, ttl, 4, T0).state;
    state = answerCard(state, sel, 4, T0).state;
    state = answerCard(state, sel, 1, state.cards[sel].schedule.due).state;
    const now = state.cards[sel].schedule.due + DAY * 40;
    assert.deepEqual(state.cards[aside].schedule.phase, 'review');
    const queue = reviewQueue(state, { now, startOfDay: now - 1000, newPerDay: 5 });
    assert.deepEqual(queue.map((c) => c.id), [sel, ttl, aside, n1]);
    const retired = syncTopicCards(state, 'redis', [noteCard('redis', 'What does cache-aside mean?')], now);
    assert.deepEqual(reviewQueue(retired, { now, startOfDay: now - 1000, newPerDay: 5 }).map((c) => c.id), [sel, aside, n1], 'a retired card waits');
    assert.deepEqual([...dueByTopic(queue)], [['orm', 2], ['redis', 2]]);
    assert.deepEqual(reviewQueue(state, { now, startOfDay: now - 1000, newPerDay: 5, topicId: 'redis' }).map((c) => c.id), [ttl, aside]);
    assert.deepEqual(reviewQueue(state, { now, startOfDay: now - 1000, newPerDay: 5, shown: (c) => c.topicId === 'orm' }).map((c) => c.id), [sel, n1]);
    const early = reviewQueue(state, { now: state.cards[aside].schedule.due - 1, startOfDay: START, newPerDay: 5 });
    assert.ok(!early.some((c) => c.id === aside), 'not due yet');
    assert.ok(reviewQueue(state, { now: state.cards[aside].schedule.due, startOfDay: START, newPerDay: 5 }).some((c) => c.id === aside), 'due on the dot');
  });

  it('takes new cards in the order they entered, topic by topic, and counts today\'s first sights', () => {
    const state = twoTopics();
    const fresh = reviewQueue(state, { now: T0 + DAY, startOfDay: START + DAY, newPerDay: 3 });
    assert.deepEqual(fresh.map((c) => c.topicId), ['orm', 'orm', 'redis']);
    const sameTime = syncTopicCards(enrollTopics(emptyReviewState(), ['b'], T0 + 1), 'b', [noteCard('b', 'Second topic?')], T0);
    const both = syncTopicCards(enrollTopics(sameTime, ['a'], T0), 'a', [noteCard('a', 'First topic?')], T0);
    assert.deepEqual(reviewQueue(both, { now: T0, startOfDay: START, newPerDay: 9 }).map((c) => c.topicId), ['a', 'b'], 'same minute: the earlier topic first');
    const id = idOf(state, 'n+1 query');
    let seen = answerCard(state, id, 3, START).state;
    seen = answerCard(seen, idOf(state, 'ttl'), 3, START - 1).state;
    seen = answerCard(seen, id, 3, START + MINUTE).state;
    assert.equal(newSeenToday(seen, START), 1, 'a first sight at midnight counts; one before it or a second sight does not');
    const undone = answerCard(state, id, 3, T0);
    assert.equal(newSeenToday(undoAnswer(undone.state, undone.undo, T0 + 1), START), 0);
    assert.equal(reviewQueue(seen, { now: START + 2 * MINUTE, startOfDay: START, newPerDay: 1 }).filter((c) => c.schedule.phase === 'new').length, 0, 'today\'s cap is used up');
  });
});

describe('review: scheduling details', () => {
  it('gives ts-fsrs the days since the last review, so a late answer is scheduled as late', () => {
    const scheduler = fsrs({ enable_fuzz: false });
    let library = createEmptyCard(new Date(T0));
    let ours = newSchedule(T0);
    for (const at of [T0, T0 + 10 * MINUTE, T0 + 3 * DAY, T0 + 40 * DAY]) {
      library = scheduler.next(library, new Date(at), 3 as Fsrs.Grade).card;
      ours = answer(ours, 3, at);
    }
    assert.equal(ours.due, library.due.getTime());
    assert.equal(ours.stability, library.stability);
    assert.equal(ours.lastReview, T0 + 40 * DAY);
  });

  it('labels intervals at each boundary', () => {
    const cases: Array<[number, string]> = [
      [0, '1m'],
      [59 * MINUTE, '59m'],
      [60 * MINUTE, '1h'],
      [23 * 60 * MINUTE, '23h'],
      [DAY, '1d'],
      [29 * DAY, '29d'],
      [30 * DAY, '1mo'],
      [364 * DAY, '12.1mo'],
      [365 * DAY, '1y'],
      [1.5 * 365 * DAY, '1.5y'],
      [10 * 365 * DAY, '10y'],
    ];
    assert.deepEqual(cases.map(([ms]) => formatInterval(ms)), cases.map(([, label]) => label));
  });
});

describe('review: cards and their identity', () => {
  const BODY = [
    '# ORM', //                                                     line 10
    '', //                                                          11
    '<details><summary>  What is an **N+1** query?  </summary>', // 12
    '', //                                                          13
    '    One query for the list,', //                               14
    '      then one per row.', //                                   15
    '', //                                                          16
    '</details>', //                                                17
    '## Fixes', //                                                  18
    '````md', //                                                    19
    '```', //                                                       20
    '<details><summary>Not a card</summary>Code.</details>', //     21
    '````', //                                                      22
    '<details open><summary>Why `select_related`?</summary>A JOIN.</details>', // 23
    '<details><summary></summary>No question.</details>', //        24
    '<details><summary>No answer?</summary>  </details>', //        25
    '## Fixes', //                                                  26
    'Q: What does', //                                              27
    'prefetch_related do?', //                                      28
    'A: A second query,', //                                        29
    'A: joined in Python.', //                                      30
    '', //                                                          31
    '  Q: Cost?', //                                                32
    'A:', //                                                        33
    '***', //                                                       34
    'Q: Lazy?', //                                                  35
    '', //                                                          36
    'A: too late', //                                               37
    '# ', //                                                        38
    'Q: Eager?', //                                                 39
    'A: Yes.', //                                                   40
    '-----', //                                                     41
    'After the rule.', //                                           42
  ].join('\n');

  it('reads self-checks and Q/A pairs with their line and heading, skipping code and empty halves', () => {
    const cards = extractCards({ id: 'orm', body: BODY, bodyLine: 10, source: 'user' });
    assert.deepEqual(
      cards.map((c) => [c.line, c.anchor, c.question, c.answer]),
      [
        [12, 'orm', 'What is an **N+1** query?', 'One query for the list,\n  then one per row.'],
        [23, 'fixes', 'Why `select_related`?', 'A JOIN.'],
        [27, 'fixes-1', 'What does\nprefetch_related do?', 'A second query,\nA: joined in Python.'],
        [39, 'section', 'Eager?', 'Yes.'],
      ],
    );
    assert.deepEqual(extractCards({ id: 'orm', body: BODY, bodyLine: 10, source: 'bundled' }).map((c) => c.line), [12, 23]);
  });

  it('puts cards in note order, anchors them to no heading above the first, and dedents around blank lines', () => {
    const body = [
      'Q: Which comes first?',
      'A: The pair.',
      '___',
      '<details><summary>And then?</summary>',
      '',
      '    First paragraph.',
      '',
      '    Second paragraph.',
      '</details>',
      '```md',
      '~~~',
      'Q: In code?',
      'A: Not a card.',
      '```',
    ].join('\n');
    assert.deepEqual(
      extractCards({ id: 'orm', body, bodyLine: 5, source: 'user' }).map((c) => [c.line, c.anchor, c.question, c.answer]),
      [
        [5, '', 'Which comes first?', 'The pair.'],
        [8, '', 'And then?', 'First paragraph.\n\nSecond paragraph.'],
      ],
    );
  });

  it('normalises questions without markup, entities, link targets, case or punctuation', () => {
    assert.equal(normaliseQuestion('<b>Why</b>&nbsp;use [`select_related`](https://docs.djangoproject.com/x) &#8212; or C++/C#?'), 'why use select related or c++ c#');
    assert.equal(normaliseQuestion('A&amp;B&#39;s [two words](#anchor)'), 'a b s two words');
    assert.equal(normaliseQuestion('select<br>related'), 'select related');
    assert.equal(similarity('', ''), 1);
    assert.equal(similarity('abcd', 'abce'), 0.75);
    assert.equal(similarity('x'.repeat(300) + 'a', 'x'.repeat(300) + 'b'), 1, 'compared on their first 300 characters');
    assert.equal(similarity('abc', 'abcdef'), 0.5);
  });

  it('matches the closest known card first, exact text before similar, and numbers a repeated new id', () => {
    const known = [
      { id: 'orm#1', text: 'what is an n 1 query' },
      { id: 'orm#2', text: 'what is an n 1 query in django' },
    ];
    const exact = matchCards('orm', known, [noteCard('orm', 'What is an N+1 query in Django, really?'), noteCard('orm', 'What is an N+1 query?')]);
    assert.deepEqual(exact.cards.map((c) => c.id), ['orm#2', 'orm#1']);
    const fuzzy = matchCards('orm', known, [noteCard('orm', 'What is an N+1 query here?'), noteCard('orm', 'What is an N+1 query in Django?')]);
    assert.deepEqual(fuzzy.cards.map((c) => c.id), ['orm#1', 'orm#2']);
    // The most similar pair wins, and a card matched once is not matched again.
    const closest = matchCards('orm', [{ id: 'orm#k', text: 'abcdefghij' }], [noteCard('orm', 'abcdefgXYZ'), noteCard('orm', 'abcdefghiX')]);
    assert.deepEqual(closest.cards.map((c) => c.id === 'orm#k'), [false, true]);
    const greedy = matchCards('orm', [{ id: 'orm#1', text: 'abcdefghij' }, { id: 'orm#2', text: 'abcdefghxy' }], [noteCard('orm', 'abcdefghiz'), noteCard('orm', 'abcdefgxyw')]);
    assert.deepEqual(greedy.cards.map((c) => c.id), ['orm#1', 'orm#2']);
    // Long questions are compared on their start, so equal text must win over an equal start.
    const start = 'given this model with a foreign key to author and a list view that prints each book with its author name '.repeat(3);
    const long = matchCards('orm', [{ id: 'orm#a', text: `${start}a` }, { id: 'orm#b', text: `${start}b` }], [noteCard('orm', `${start}b`)]);
    assert.deepEqual(long.cards.map((c) => c.id), ['orm#b']);
    const letters = { id: 'orm#a', text: 'abcdefghijklmnopqrst' };
    assert.equal(matchCards('orm', [letters], [noteCard('orm', 'abcdefghijklmXXXXXXX')]).cards[0].id, 'orm#a', '0.65 alike: the same card');
    assert.notEqual(matchCards('orm', [letters], [noteCard('orm', 'abcdefghijklXXXXXXXX')]).cards[0].id, 'orm#a', '0.6 alike: a new card');
    const twice = matchCards('orm', [], [noteCard('orm', 'Same?'), noteCard('orm', 'Same?'), noteCard('orm', 'Same?')]);
    const [first, second, third] = twice.cards.map((c) => c.id);
    assert.deepEqual([second, third], [`${first}-2`, `${first}-3`]);
    const again = matchCards('orm', [{ id: first, text: 'same' }], [noteCard('orm', 'Same?'), noteCard('orm', 'Same?')]);
    assert.deepEqual(again.cards.map((c) => c.id), [first, `${first}-2`]);
    assert.deepEqual(again.missing, []);
  });
});

describe('review: statistics and exports', () => {
  it('counts only live cards and the answers of the last 30 days, retention from review answers only', () => {
    let state = enrollTopics(twoTopics(), ['celery'], T0);
    const id = idOf(state, 'cache aside');
    state = answerCard(state, id, 4, T0).state;
    const at = state.cards[id].schedule.due;
    state = answerCard(state, id, 2, at).state;
    state = answerCard(state, id, 3, at + MINUTE).state;
    state = answerCard(state, id, 1, at + 2 * MINUTE).state;
    state = syncTopicCards(state, 'orm', [noteCard('orm', 'What is an N+1 query?')], T0);
    const ghost = { ...state, log: [...state.log, { ...state.log[1], cardId: 'gone#1' }] };
    const stats = topicStats(ghost, at + 2 * MINUTE);
    assert.deepEqual(stats, [
      { topicId: 'orm', cards: 1, reviews: 0, retention: undefined },
      { topicId: 'redis', cards: 2, reviews: 4, retention: 2 / 3 },
      { topicId: 'celery', cards: 0, reviews: 0, retention: undefined },
    ]);
    assert.equal(topicStats(state, T0 + 30 * DAY).find((s) => s.topicId === 'redis')?.reviews, 4, 'an answer exactly 30 days old counts');
    assert.equal(topicStats(state, T0 + 30 * DAY + 1).find((s) => s.topicId === 'redis')?.reviews, 3);
  });

  it('forecasts from today, overdue included, leaving out new and retired cards and days past the range', () => {
    let state = twoTopics();
    const [n1, sel] = [idOf(state, 'n+1 query'), idOf(state, 'select related')];
    state = answerCard(state, n1, 4, T0).state;
    state = answerCard(state, sel, 4, T0).state;
    const due = state.cards[n1].schedule.due;
    const dueDay = Math.floor((due - START) / DAY);
    assert.deepEqual(forecast(state, START, dueDay + 1).at(-1), 2);
    assert.deepEqual(forecast(state, START, dueDay).reduce((a, b) => a + b, 0), 0, 'due the day after the range');
    assert.deepEqual(forecast(state, START + 100 * DAY, 3), [2, 0, 0]);
    const retired = syncTopicCards(state, 'orm', [noteCard('orm', 'What is an N+1 query?')], T0);
    assert.deepEqual(forecast(retired, START + 100 * DAY, 1), [1]);
  });

  it('exports answered, not undone, rows of known cards, each line ended by CRLF; tags without spaces', () => {
    let state = twoTopics();
    const id = idOf(state, 'n+1 query');
    state = answerCard(state, id, 3, T0).state;
    const undone = answerCard(state, id, 1, T0 + MINUTE);
    state = undoAnswer(undone.state, undone.undo, T0 + 2 * MINUTE);
    state = { ...state, log: [...state.log, { ...state.log[0], cardId: 'gone#1' }] };
    const csv = reviewLogCsv(state, (card) => card.text);
    assert.equal(csv.split('\r\n').length, 3);
    assert.ok(csv.endsWith('\r\n'));
    assert.match(csv.split('\r\n')[1], /,orm,what is an n\+1 query,Good,new,0,/);
    assert.ok(ankiText([{ front: 'Q', back: 'A', tags: ['Practices  & Scale', 'orm'] }]).endsWith('"Q"\t"A"\tPractices_&_Scale orm\n'));
  });
});
