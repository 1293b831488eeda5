import * as assert from 'node:assert/strict';
import { deserializeIndex, ENTRY_FIELDS, isSettled, RACY_WINDOW_MS, serializeIndex, type CatalogIndex } from '../../src/core/catalogIndex';
import { parseTopic } from '../../src/core/parseTopic';

const PARSER = '0.1.0 1764633600000';
/** The index in an index file's text, read as the extension reads the file: as bytes. */
const fromText = (text: string, parser: string): CatalogIndex => deserializeIndex(new TextEncoder().encode(text), parser);
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

/** The stored index of one note: its JSON line, to damage, and the bodies that follow it. */
function storedIndex(): Json {
  const parsed = parseTopic(FILE, NOTE, 'data', 'user');
  assert.ok(parsed.problems.length > 0, 'the note has a problem to store');
  const text = serializeIndex(new Map([[FILE, { size: NOTE.length, mtime: 1_700_000_000_000, parsed }]]), PARSER);
  const split = text.indexOf('\n');
  return { ...(JSON.parse(text.slice(0, split)) as Json), bodiesText: text.slice(split + 1) };
}

/** The index file for a stored index, damaged or not. */
function stringify(stored: Json): string {
  const { bodiesText, ...json } = stored;
  return `${JSON.stringify(json)}\n${bodiesText as string}`;
}

describe('the catalog index, read back after damage', () => {
  it('gives back exactly what was stored when nothing is damaged', () => {
    const parsed = parseTopic(FILE, NOTE, 'data', 'user');
    const index = fromText(stringify(storedIndex()), PARSER);
    assert.deepEqual(index.get(FILE), { size: NOTE.length, mtime: 1_700_000_000_000, parsed });
  });

  it('gives each note back its own body, whatever the body holds', () => {
    const bodies = ['', '\n', 'line\r\nwith CRLF\r\n', 'Unicode 数据 🚀 é ψ Ж\u00a0\u2028 "quotes" \\ and {"json": [1]}\n', NOTE, '\n{"format":2}\n'];
    const index = new Map(
      bodies.map((body, n) => {
        const file = `file:///home/learner/notes/data/note-${n}.md`;
        return [file, { size: body.length, mtime: 1_700_000_000_000 + n, parsed: parseTopic(file, `---\ntitle: Note ${n}\n---\n${body}`, 'data', 'user') }];
      }),
    );
    const read = fromText(serializeIndex(index, PARSER), PARSER);
    assert.deepEqual([...read.values()].map((entry) => entry.parsed.topic.body), bodies);
    assert.deepEqual(read, index);
  });

  it('keeps the notes after one whose body holds a lone surrogate in their places', () => {
    const notes = ['broken \udc00\udc00 halves, and an end half \ud800', 'whole after it'].map((body, n) => {
      const file = `file:///home/learner/notes/data/note-${n}.md`;
      return [file, { size: body.length, mtime: 1_700_000_000_000, parsed: parseTopic(file, body, 'data', 'user') }] as const;
    });
    const read = deserializeIndex(new TextEncoder().encode(serializeIndex(new Map(notes), PARSER)), PARSER);
    // Written as UTF-8, the lone half becomes U+FFFD, and no later body moves.
    assert.deepEqual([...read.values()].map((entry) => entry.parsed.topic.body), ['broken \ufffd\ufffd halves, and an end half \ufffd', 'whole after it']);
  });

  // Each damage is one a disk, an older build or a hand edit could make; the note must then be read again, never served.
  /** Sets one field of the first stored entry, by its name. */
  const set = (s: Json, name: (typeof ENTRY_FIELDS)[number], value: unknown): void => {
    s.entries[0][ENTRY_FIELDS.indexOf(name)] = value;
  };
  const get = (s: Json, name: (typeof ENTRY_FIELDS)[number]): Json => s.entries[0][ENTRY_FIELDS.indexOf(name)] as Json;
  const damages: Record<string, (stored: Json) => void> = {
    'an entry that is not a list': (s) => (s.entries[0] = 'orm.md'),
    'an entry with a field missing': (s) => s.entries[0].pop(),
    'an entry with a field too many': (s) => s.entries[0].push(0),
    'a size that is text': (s) => set(s, 'size', '120'),
    'a missing mtime': (s) => set(s, 'mtime', null),
    'an idLine that is text': (s) => set(s, 'idLine', '1'),
    'an implicitId that is not a boolean': (s) => set(s, 'implicitId', 'yes'),
    'a level no note can have': (s) => set(s, 'level', 'expert'),
    'a source no note can have': (s) => set(s, 'source', 'web'),
    'an order that is text': (s) => set(s, 'order', 'first'),
    'a body line that is null': (s) => set(s, 'bodyLine', null),
    'a challenge that is a number': (s) => set(s, 'challenge', 51),
    'a solution that is a list': (s) => set(s, 'solution', ['select_related']),
    'problems that are not a list': (s) => set(s, 'problems', {}),
    'a problem without its line': (s) => delete get(s, 'problems')[0].line,
    'a problem of no known severity': (s) => (get(s, 'problems')[0].severity = 'fatal'),
    'a problem of no known source': (s) => (get(s, 'problems')[0].source = 'web'),
    'a problem whose message is a number': (s) => (get(s, 'problems')[0].message = 404),
    'a problem of no file': (s) => (get(s, 'problems')[0].file = null),
    'key lines as a list': (s) => set(s, 'keyLines', [['title', 2]]),
    'key lines that are null': (s) => set(s, 'keyLines', null),
    'a key line that is text': (s) => (get(s, 'keyLines').title = 'two'),
    'a body start that is text': (s) => set(s, 'bodyStart', '0'),
    'a body length that is missing': (s) => set(s, 'bodyLength', null),
    'a body that starts before the bodies': (s) => set(s, 'bodyStart', -1),
    'a body of negative length': (s) => set(s, 'bodyLength', -1),
    'a body that starts at a fraction': (s) => {
      // Within the bodies, so that only the fraction is wrong.
      set(s, 'bodyStart', 0.5);
      set(s, 'bodyLength', (get(s, 'bodyLength') as unknown as number) - 1);
    },
    'a body whose length is a fraction': (s) => set(s, 'bodyLength', 10.5),
    'a body that runs past the bodies': (s) => set(s, 'bodyLength', (get(s, 'bodyLength') as unknown as number) + 1),
  };
  for (const field of ['file', 'id', 'title', 'summary', 'level', 'category', 'source'] as const) {
    damages[`a ${field} that is a number`] = (s) => set(s, field, 1);
  }
  for (const field of ['tags', 'prerequisites', 'related', 'snippets', 'versions', 'headings'] as const) {
    damages[`${field} that are text`] = (s) => set(s, field, 'orm');
    damages[`${field} holding a number`] = (s) => set(s, field, [1]);
  }
  for (const [damage, apply] of Object.entries(damages)) {
    it(`leaves out a note stored with ${damage}`, () => {
      const stored = storedIndex();
      apply(stored);
      assert.equal(fromText(stringify(stored), PARSER).has(FILE), false);
    });
  }

  it('keeps the notes that are whole beside one that is damaged', () => {
    const stored = storedIndex();
    const whole = JSON.parse(JSON.stringify(stored.entries[0])) as unknown[];
    whole[ENTRY_FIELDS.indexOf('file')] = 'file:///home/learner/notes/data/whole.md';
    stored.entries.unshift(whole);
    stored.entries[1][ENTRY_FIELDS.indexOf('size')] = '120';
    assert.deepEqual([...fromText(stringify(stored), PARSER).keys()], ['file:///home/learner/notes/data/whole.md']);
  });

  it('reads a note with neither challenge nor solution, and gives it none', () => {
    const stored = storedIndex();
    stored.entries[0][ENTRY_FIELDS.indexOf('challenge')] = null;
    stored.entries[0][ENTRY_FIELDS.indexOf('solution')] = null;
    const topic = fromText(stringify(stored), PARSER).get(FILE)?.parsed.topic;
    assert.ok(topic);
    assert.equal('challenge' in topic || 'solution' in topic, false);
  });

  it('ignores a whole index that is not JSON, of another shape, or from another parser', () => {
    const text = stringify(storedIndex());
    const json = text.slice(0, text.indexOf('\n'));
    const others = [
      text.slice(0, -10),
      '[]',
      'null',
      stringify({ ...storedIndex(), entries: {} }),
      stringify({ ...storedIndex(), format: 0 }),
      // The JSON alone, or with bodies cut short or added to, or with the count of their length lost.
      json,
      `${json}\n`,
      `${text} `,
      stringify({ ...storedIndex(), bodies: '1' }),
      // The format before bodies were kept apart: one JSON object, bodies inside.
      JSON.stringify({ format: 1, parser: PARSER, entries: [] }),
    ];
    for (const other of others) {
      assert.equal(fromText(other, PARSER).size, 0, other.slice(0, 40));
    }
    assert.equal(fromText(text, '0.1.1 1764633600000').size, 0);
  });

  it('trusts a note to the index only once it is older than the racy window', () => {
    const start = 1_764_633_600_000;
    assert.equal(isSettled({ size: 1, mtime: start - RACY_WINDOW_MS - 1 }, start), true);
    assert.equal(isSettled({ size: 1, mtime: start - RACY_WINDOW_MS }, start), false);
    assert.equal(isSettled({ size: 1, mtime: start - 1 }, start), false);
  });
});
