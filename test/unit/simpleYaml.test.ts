/**
 * The front-matter fast path against the real `yaml` library: wherever readSimpleMapping answers, readYamlFields
 * must give exactly what `yaml` gives (values, key lines, no errors); wherever it does not, `yaml` reads the text.
 * Compared over every note in content/, test/fixtures and the shared corpus (hostile notes included), over each of
 * their lines alone, and over generated front matter built from scalars that the core schema reads specially.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitFrontMatter } from '../../src/core/frontMatter';
import { parseTopic } from '../../src/core/parseTopic';
import { readSimpleMapping } from '../../src/core/simpleYaml';
import { readWithYaml, readYamlFields, type YamlFields } from '../../src/core/yamlFields';
import { writeCatalog } from '../bench/generate';
import { freshTempDir, repoRoot } from '../harness/paths';

const plain = (fields: YamlFields) => ({
  values: [...fields.values],
  lines: [...fields.lines],
  errors: fields.errors,
  isMapping: fields.isMapping,
});

/** Asserts sameness for one text; says whether the fast path answered. */
function same(text: string, firstLine = 2): boolean {
  const fast = readSimpleMapping(text) !== undefined;
  assert.deepStrictEqual(plain(readYamlFields(text, firstLine)), plain(readWithYaml(text, firstLine)), JSON.stringify(text));
  if (fast) {
    // Only what `yaml` reads cleanly as a mapping may take the fast path.
    const slow = readWithYaml(text, firstLine);
    assert.deepEqual(slow.errors, [], JSON.stringify(text));
    assert.equal(slow.isMapping, true, JSON.stringify(text));
  }
  return fast;
}

function markdownUnder(root: string): string[] {
  if (!fs.existsSync(root)) {
    return [];
  }
  return fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.md')).map((name) => path.join(root, name));
}

function frontMatters(files: string[]): string[] {
  return files.flatMap((file) => splitFrontMatter(fs.readFileSync(file, 'utf8')).yaml ?? []);
}

/** Every front matter, then every line of each alone and every pair of neighbouring lines. */
function checkAll(texts: string[]): { fast: number; total: number } {
  let fast = 0;
  let total = 0;
  for (const text of texts) {
    const lines = text.split('\n');
    const pieces = [text, ...lines, ...lines.slice(1).map((line, index) => `${lines[index]}\n${line}`)];
    for (const piece of pieces) {
      total += 1;
      fast += same(piece) ? 1 : 0;
    }
  }
  return { fast, total };
}

/** Scalars the core schema reads as strings, numbers, null or booleans, or that plain YAML cannot hold as they are. */
const SCALARS = [
  'plain words', 'C#', 'a:b', 'a: b', 'a #b', 'a#b', 'x:', "Django's ORM", 'a [b] c', 'a, b', 'a {b}', '+abc', 'a*b', 'a & b',
  'null', 'Null', 'NULL', 'nULL', '~', '~x', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'yes', 'no', 'on', 'off',
  '0', '-0', '+0', '1', '-1', '+1', '007', '10', '123456789012345', '1234567890123456', '9007199254740993', '1_000',
  '1.5', '1.50', '-2.25', '0.1', '.5', '5.', '1e3', '1E-3', '0x1F', '0o17', '0b1', '.inf', '-.inf', '+.INF', '.nan', '.NaN',
  '2024-01-01', '12:30', '3 things', '10,000 users', '1.2.3', '1.123456789012345678',
  '"quoted"', '"with \'single\'"', '"a\\"b"', '"a\\nb"', '"a, b"', '""', "'it''s'", "'a'b'", "''", "'x'", '"x" # c', '"unterminated',
  '&anchor a', '*alias', '!tag a', '!!str 1', '|', '>', '|-', '{a: 1}', '{}', '- a', '-a', '-', '?a', '? a', ':a', '%a', '@a', '`a`',
  'Unicode 数据 🚀', 'é', 'a\u00a0', '\u00a0a', 'a\u2028b', 'a\u0085b', 'a\tb', 'a\rb', 'a\ufeffb', 'trailing   ', 'a  # c',
  '[a, b]', '[a,b]', '[ a , b ]', '[]', '[ ]', '[a, ]', '[, a]', '[a, [b]]', '[1, true, null, ~]', '["a, b", c]', "['x', \"y\"]",
  '[a: b]', '[a:b]', '[a #b]', '[a b, c d]', '[Django 5.2 LTS, DRF 3.16]', '[a] # c', '[a] b', '[a', '[{a}]', '[-a, -1, 1.5]',
];
const KEYS = ['title', 'id', 'order', 'tags', 'a-b', 'a_b', 'A1', 'true', 'True', 'null', 'Null', '1', 'a b', '"q"', 'x'.repeat(120), '-a', 'é'];

/** A small deterministic generator, so a failure names a reproducible text. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function generated(count: number): string[] {
  const next = random(16);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const texts: string[] = [];
  for (let n = 0; n < count; n++) {
    const lines: string[] = [];
    const keys = 1 + Math.floor(next() * 4);
    for (let k = 0; k < keys; k++) {
      const key = next() < 0.8 ? pick(['title', 'id', 'order', 'tags', 'summary', 'level']) : pick(KEYS);
      const form = next();
      if (form < 0.6) {
        lines.push(`${key}:${pick(['', ' ', '  '])}${pick(SCALARS)}`);
      } else if (form < 0.85) {
        const indent = pick(['', '  ', ' ']);
        lines.push(`${key}:${pick(['', ' '])}`);
        const items = Math.floor(next() * 3);
        for (let i = 0; i < items; i++) {
          lines.push(`${next() < 0.9 ? indent : '   '}-${pick([' ', '  ', ''])}${pick(SCALARS)}`);
        }
      } else {
        lines.push(pick(['', '  ', '# comment', `${key}: a`, '  continued', '...', '--- x', '\ttabbed: x', `${key}: a # c`]));
      }
    }
    texts.push(lines.join(pick(['\n', '\n', '\n', '\r\n'])) + pick(['', '', '\n', '\n\n', ' ']));
  }
  return texts;
}

describe('readSimpleMapping, the front-matter fast path', () => {
  it('reads every bundled note (content/) exactly as yaml does, and reads each one itself', () => {
    const texts = frontMatters(markdownUnder(path.join(repoRoot, 'content')));
    assert.ok(texts.length >= 35);
    for (const text of texts) {
      assert.ok(readSimpleMapping(text), `the fast path takes every bundled note:\n${text}`);
    }
    const { fast, total } = checkAll(texts);
    assert.ok(fast > total / 2, `${fast} of ${total}`);
  });

  it('reads the test fixtures exactly as yaml does, leaving the broken ones to yaml', () => {
    const texts = frontMatters(markdownUnder(path.join(repoRoot, 'test', 'fixtures')));
    assert.ok(texts.length >= 10);
    checkAll(texts);
    const broken = frontMatters([path.join(repoRoot, 'test', 'fixtures', 'catalog', 'topics', 'data', 'broken-yaml.md')])[0];
    assert.equal(readSimpleMapping(broken), undefined);
    assert.deepEqual(readYamlFields(broken, 2).errors, [{ line: 3, message: 'Missing closing "quote' }]);
  });

  it('reads the shared corpus, hostile notes included, exactly as yaml does', function () {
    const texts = frontMatters(markdownUnder('/work/shared/corpus'));
    if (texts.length === 0) {
      this.skip();
    }
    checkAll(texts);
  });

  it('reads 3,000 generated front matters of awkward scalars, lists and lines exactly as yaml does', () => {
    const texts = generated(3000);
    const { fast, total } = checkAll(texts);
    // Both paths must be exercised for the comparison to mean anything.
    assert.ok(fast > total / 10 && fast < total, `${fast} of ${total}`);
  });

  it('answers for every scalar it can after a key and in lists, and matches yaml there', () => {
    for (const scalar of SCALARS) {
      same(`title: ${scalar}`);
      same(`tags:\n  - ${scalar}\n  - b`);
      same(`tags: [${scalar}]`);
      same(`tags: [a, ${scalar}]`);
    }
    // The forms notes use all take the fast path.
    for (const text of ['title: plain words', 'order: 5', 'order: -2.25', 'title: "quoted"', "title: 'it''s'", 'tags: [a, b]', 'tags: []', 'tags:\n- a\n- b', 'tags:\n  - a', 'empty:', 'a: 1\n\nb: 2  ']) {
      assert.ok(readSimpleMapping(text), text);
      same(text);
    }
  });

  it('matches yaml on the edges of each form it reads (quotes, list items, numbers, colons and hashes)', () => {
    const scalars = ['"', "'", '""', "''", '"a', 'a"', "'a", "a'", '"a,b"', "'a,b'", '"[x]"', "'{x}'", "'a''b'", "'a'b'", '"a\\"b"', '1.', '.5', '-0', '00', '01.5', '-0.0', '1e3', '+1', '0x1F', 'a:b', 'a: b', 'a #b', 'a#b', 'a ,b', '-a', '- a'];
    for (const scalar of scalars) {
      same(`title: ${scalar}`);
      same(`tags: [${scalar}]`);
      same(`tags:\n  - ${scalar}`);
    }
    for (const text of ['', '\n', '  \n\n', 'tags:\n  -a', 'tags:\n  - a   \n  - b', 'tags:\n  - a\n    more', 'tags:\n  - a\n   - b', 'tags:\n- a\n  - b', 'tags:\n  - a\nnext: 1', 'key :value', 'key:value', 'key:  two', 'tags:\n  - a\n  -', 'tags:\n\n  - a', 'a: 1\n  b: 2']) {
      same(text);
    }
  });

  it('leaves repeated keys to yaml, which names the line of the repeat', () => {
    assert.equal(readSimpleMapping('title: a\ntitle: b'), undefined);
    assert.deepEqual(readYamlFields('title: a\ntitle: b', 2).errors, [{ line: 3, message: 'Map keys must be unique' }]);
  });

  it('takes the fast path for every note the 10,000-note bench writes', () => {
    const scratch = freshTempDir('simple-yaml');
    try {
      writeCatalog(scratch, 20);
      const texts = frontMatters(markdownUnder(scratch));
      assert.equal(texts.length, 20);
      for (const text of texts) {
        assert.ok(readSimpleMapping(text), text);
        same(text);
      }
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('gives parseTopic the same topic and problems either way', () => {
    const text = '---\nid: a-note\ntitle: A note\norder: seven\nlevel: wizard\ntags: [x, 1]\nunknown: 3\n---\n# A note\n';
    const parsed = parseTopic('file:///n/a-note.md', text, 'c', 'bundled');
    assert.deepEqual(
      parsed.problems.map((p) => `${p.line} ${p.message}`),
      [
        '7 Unknown key `unknown`. Known keys: id, title, summary, order, level, tags, prerequisites, related, snippets, versions, challenge, solution.',
        '1 Missing `summary`: add `summary: One sentence on what this note teaches.` to the front matter.',
        '4 `order` must be a number, e.g. `order: 3` (got "seven").',
        '5 `level` must be one of beginner, intermediate, advanced (got "wizard").',
        '6 `tags` must be a list of words, e.g. `tags: [orm, performance]` (got a list [x, 1]).',
      ],
    );
  });
});
