import * as assert from 'node:assert/strict';
import { deserializeIndex, isSettled, RACY_WINDOW_MS, serializeIndex } from '../../src/core/catalogIndex';
import { parseTopic } from '../../src/core/parseTopic';

const PARSER = '0.1.0 1764633600000';
const FILE = 'file:///home/learner/notes/data/orm.md';
/** A learner's note as it is on disk: front matter with a typo (a problem to store) and a challenge of their own. */
const NOTE = `---
title: My ORM notes
summary: What I learned about N+1.
order: 3
level: intermediate
tags: [orm, n+1]
challenge: The list endpoint made 51 queries.
solution: select_related("author") on the queryset.
sumary: typo
---
# My ORM notes

## Why N+1 happens

Lazy loading.
`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a stored index, damaged by hand

/** The stored index of one note, as JSON to damage. */
function storedIndex(): Json {
  const parsed = parseTopic(FILE, NOTE, 'data', 'user');
  assert.ok(parsed.problems.length > 0, 'the note has a problem to store');
  return JSON.parse(serializeIndex(new Map([[FILE, { size: NOTE.length, mtime: 1_700_000_000_000, parsed }]]), PARSER)) as Json;
}

describe('the catalog index, read back after damage', () => {
  it('gives back exactly what was stored when nothing is damaged', () => {
    const parsed = parseTopic(FILE, NOTE, 'data', 'user');
    const index = deserializeIndex(JSON.stringify(storedIndex()), PARSER);
    assert.deepEqual(index.get(FILE), { size: NOTE.length, mtime: 1_700_000_000_000, parsed });
  });

  // Each damage is one a disk, an older build or a hand edit could make; the note must then be read again, never served.
  const damages: Record<string, (stored: Json) => void> = {
    'an entry that is not a pair': (s) => (s.entries[0] = 'orm.md'),
    'an entry named by a number': (s) => (s.entries[0][0] = 7),
    'an entry without its record': (s) => (s.entries[0][1] = null),
    'a size that is text': (s) => (s.entries[0][1].size = '120'),
    'a missing mtime': (s) => delete s.entries[0][1].mtime,
    'a missing parse': (s) => (s.entries[0][1].parsed = null),
    'an idLine that is text': (s) => (s.entries[0][1].parsed.idLine = '1'),
    'an implicitId that is not a boolean': (s) => (s.entries[0][1].parsed.implicitId = 'yes'),
    'a missing topic': (s) => delete s.entries[0][1].parsed.topic,
    'a topic of another file': (s) => (s.entries[0][1].parsed.topic.file = 'file:///home/learner/notes/data/other.md'),
    'a level no note can have': (s) => (s.entries[0][1].parsed.topic.level = 'expert'),
    'a source no note can have': (s) => (s.entries[0][1].parsed.topic.source = 'web'),
    'an order that is text': (s) => (s.entries[0][1].parsed.topic.order = 'first'),
    'a body line that is null': (s) => (s.entries[0][1].parsed.topic.bodyLine = null),
    'a challenge that is a number': (s) => (s.entries[0][1].parsed.topic.challenge = 51),
    'a solution that is a list': (s) => (s.entries[0][1].parsed.topic.solution = ['select_related']),
    'problems that are not a list': (s) => (s.entries[0][1].parsed.problems = {}),
    'a problem without its line': (s) => delete s.entries[0][1].parsed.problems[0].line,
    'a problem of no known severity': (s) => (s.entries[0][1].parsed.problems[0].severity = 'fatal'),
    'a problem of no known source': (s) => (s.entries[0][1].parsed.problems[0].source = 'web'),
    'a problem whose message is a number': (s) => (s.entries[0][1].parsed.problems[0].message = 404),
    'a problem of no file': (s) => (s.entries[0][1].parsed.problems[0].file = null),
    'key lines as a list': (s) => (s.entries[0][1].parsed.keyLines = [['title', 2]]),
    'a key line that is text': (s) => (s.entries[0][1].parsed.keyLines.title = 'two'),
  };
  for (const field of ['id', 'title', 'summary', 'level', 'category', 'source', 'file', 'body']) {
    damages[`a ${field} that is a number`] = (s) => (s.entries[0][1].parsed.topic[field] = 1);
  }
  for (const field of ['tags', 'prerequisites', 'related', 'snippets', 'versions', 'headings']) {
    damages[`${field} that are text`] = (s) => (s.entries[0][1].parsed.topic[field] = 'orm');
    damages[`${field} holding a number`] = (s) => (s.entries[0][1].parsed.topic[field] = [1]);
  }
  for (const [damage, apply] of Object.entries(damages)) {
    it(`leaves out a note stored with ${damage}`, () => {
      const stored = storedIndex();
      apply(stored);
      assert.equal(deserializeIndex(JSON.stringify(stored), PARSER).has(FILE), false);
    });
  }

  it('keeps the notes that are whole beside one that is damaged', () => {
    const stored = storedIndex();
    const whole = JSON.parse(JSON.stringify(stored.entries[0])) as [string, Json];
    whole[0] = whole[1].parsed.topic.file = 'file:///home/learner/notes/data/whole.md';
    stored.entries.unshift(whole);
    stored.entries[1][1].size = '120';
    assert.deepEqual([...deserializeIndex(JSON.stringify(stored), PARSER).keys()], ['file:///home/learner/notes/data/whole.md']);
  });

  it('reads a note with neither challenge nor solution', () => {
    const stored = storedIndex();
    delete stored.entries[0][1].parsed.topic.challenge;
    delete stored.entries[0][1].parsed.topic.solution;
    assert.equal(deserializeIndex(JSON.stringify(stored), PARSER).get(FILE)?.parsed.topic.challenge, undefined);
  });

  it('ignores a whole index that is not JSON, of another shape, or from another parser', () => {
    const text = JSON.stringify(storedIndex());
    for (const other of [text.slice(0, -10), '[]', 'null', JSON.stringify({ ...storedIndex(), entries: {} }), JSON.stringify({ ...storedIndex(), format: 0 })]) {
      assert.equal(deserializeIndex(other, PARSER).size, 0, other.slice(0, 40));
    }
    assert.equal(deserializeIndex(text, '0.1.1 1764633600000').size, 0);
  });

  it('trusts a note to the index only once it is older than the racy window', () => {
    const start = 1_764_633_600_000;
    assert.equal(isSettled({ size: 1, mtime: start - RACY_WINDOW_MS - 1 }, start), true);
    assert.equal(isSettled({ size: 1, mtime: start - RACY_WINDOW_MS }, start), false);
    assert.equal(isSettled({ size: 1, mtime: start - 1 }, start), false);
  });
});
