/**
 * readYamlFields and closest, the front-matter reader under parseTopic: the file line of every key and of every
 * error (a note's problems name them), and the "did you mean" hint. Written against the Stryker survivors of
 * src/core/yamlFields.ts (npm run stryker), which the catalog tests reached only through whole notes.
 */
import * as assert from 'node:assert/strict';
import { closest, readYamlFields } from '../../src/core/yamlFields';

const read = (text: string, firstLine: number) => {
  const fields = readYamlFields(text, firstLine);
  return { values: Object.fromEntries(fields.values), lines: Object.fromEntries(fields.lines), errors: fields.errors, isMapping: fields.isMapping };
};

describe('readYamlFields', () => {
  it('reads each key with its value and its line in the file', () => {
    assert.deepEqual(read('title: A\ntags: [a, b]\nempty:\nnull: 1\n1: x\n', 5), {
      values: { title: 'A', tags: ['a', 'b'], empty: null, null: 1, 1: 'x' },
      lines: { title: 5, tags: 6, empty: 7, null: 8, 1: 9 },
      errors: [],
      isMapping: true,
    });
  });

  it('takes an empty or null document as an empty mapping, and flags one that is not a mapping', () => {
    for (const text of ['', '~', 'null']) {
      assert.deepEqual(read(text, 3), { values: {}, lines: {}, errors: [], isMapping: true }, text);
    }
    for (const text of ['- a\n- b', 'just text', '42']) {
      assert.deepEqual(read(text, 3), { values: {}, lines: {}, errors: [], isMapping: false }, text);
    }
  });

  it('reports a repeated key on its own line, with the first line of the message only, and no values', () => {
    assert.deepEqual(read('a: 1\nb: 2\na: 3', 4), { values: {}, lines: {}, errors: [{ line: 6, message: 'Map keys must be unique' }], isMapping: true });
  });

  it('blames an unclosed quote on the line that opened it, not the end of the text', () => {
    assert.deepEqual(read('title: ok\nsummary: "abc\ntags: x\nother: y', 10).errors, [{ line: 11, message: 'Missing closing "quote' }]);
    assert.deepEqual(read("title: ok\nsummary: 'it''s\ntags: x", 10).errors, [{ line: 11, message: "Missing closing 'quote" }]);
    assert.deepEqual(read('title: "abc', 1).errors, [{ line: 1, message: 'Missing closing "quote' }]);
  });
});

describe('closest', () => {
  it('suggests the nearest candidate within two edits, ignoring case', () => {
    assert.equal(closest('titel', ['tags', 'title']), 'title');
    assert.equal(closest('TAGS', ['tags']), 'tags');
    assert.equal(closest('summry', ['summary']), 'summary');
    assert.equal(closest('abcd', ['abef']), 'abef');
    assert.equal(closest('ab', ['']), '');
  });

  it('suggests nothing three edits away, and prefers the nearer, then the earlier, candidate', () => {
    assert.equal(closest('abc', ['xyz']), undefined);
    assert.equal(closest('xyz', ['title']), undefined);
    assert.equal(closest('', ['abc']), undefined);
    assert.equal(closest('tag', ['tags', 'tag']), 'tag');
    assert.equal(closest('sumary', ['summaries', 'summary']), 'summary');
    assert.equal(closest('ab', ['ac', 'ad']), 'ac');
  });
});
