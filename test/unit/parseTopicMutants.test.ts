/**
 * parseTopic as the learner meets it: the problems a note gets in the Problems panel (file line, message with a
 * fix to copy), the topic the tree lists anyway, and the ids and titles it falls back to. Written against the
 * Stryker survivors of src/core/parseTopic.ts and frontMatter.ts (npm run stryker), which the catalog tests reached
 * only through a few fixture notes.
 */
import * as assert from 'node:assert/strict';
import { extractHeadings, firstTitle, splitFrontMatter } from '../../src/core/frontMatter';
import { parseTopic, slugFromFile } from '../../src/core/parseTopic';

const FILE = 'file:///home/ana/notes/caching/Redis%20Cache%20Aside.md';

/** What the Problems panel shows for one note: line, severity and message. */
function problemsOf(text: string, source: 'bundled' | 'user' = 'bundled', file = FILE): string[] {
  return parseTopic(file, text, 'caching', source).problems.map((problem) => {
    assert.equal(problem.file, file);
    assert.equal(problem.source, source);
    return `${problem.line} ${problem.severity}: ${problem.message}`;
  });
}

const GOOD = [
  '---',
  'id: orm-n-plus-one',
  'title: "  The ORM and N+1 queries  "',
  'summary: Recognise, measure and fix N+1 queries in Django and DRF.',
  'order: 5',
  'level: intermediate',
  'tags: [orm, performance]',
  'prerequisites: [django-core, relationships]',
  'related: [indexing-query-optimization]',
  'snippets: [drf-select-related]',
  'versions: [Django 5.2 LTS, DRF 3.16]',
  'challenge: Two hundred queries on the article list',
  'solution: select_related on the author',
  '---',
  '',
  '# The ORM and N+1 queries',
  '',
  '## Learning goals',
  '',
  '```python',
  '# not a heading: a comment in code',
  '```',
  '',
  '## Self-check ##',
  '',
].join('\n');

describe('parseTopic: a complete note', () => {
  it('reads every field, trims text, and keeps the body with the line it starts on', () => {
    const parsed = parseTopic('file:///c/topics/data/orm-n-plus-one.md', GOOD, 'data', 'bundled');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.topic, {
      id: 'orm-n-plus-one',
      title: 'The ORM and N+1 queries',
      summary: 'Recognise, measure and fix N+1 queries in Django and DRF.',
      order: 5,
      level: 'intermediate',
      tags: ['orm', 'performance'],
      prerequisites: ['django-core', 'relationships'],
      related: ['indexing-query-optimization'],
      snippets: ['drf-select-related'],
      versions: ['Django 5.2 LTS', 'DRF 3.16'],
      category: 'data',
      source: 'bundled',
      file: 'file:///c/topics/data/orm-n-plus-one.md',
      body: GOOD.split('\n').slice(14).join('\n'),
      bodyLine: 15,
      headings: ['The ORM and N+1 queries', 'Learning goals', 'Self-check'],
      challenge: 'Two hundred queries on the article list',
      solution: 'select_related on the author',
    });
    assert.equal(parsed.idLine, 2);
    assert.equal(parsed.implicitId, false);
    assert.equal(parsed.keyLines.get('versions'), 11);
  });

  it('gives a note without front matter its file name as id and its heading as title, defaults for the rest', () => {
    const parsed = parseTopic(FILE, '\n# Cache-aside with Redis\n\nRead through, write around.\n', 'caching', 'user');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      { id: parsed.topic.id, title: parsed.topic.title, summary: parsed.topic.summary, order: parsed.topic.order, level: parsed.topic.level },
      { id: 'redis-cache-aside', title: 'Cache-aside with Redis', summary: '', order: 1000, level: 'beginner' },
    );
    assert.deepEqual([parsed.topic.tags, parsed.topic.snippets, parsed.topic.versions], [[], [], []]);
    assert.equal('challenge' in parsed.topic, false);
    assert.equal(parsed.idLine, 1);
    assert.equal(parsed.implicitId, true);
    assert.equal(parsed.topic.bodyLine, 1);
  });

  it('leaves out an empty challenge and solution', () => {
    const { topic, problems } = parseTopic(FILE, '---\ntitle: Mine\nchallenge: ""\n---\n', 'caching', 'user');
    assert.deepEqual(problems.map((p) => p.message), ['`challenge` must be text, e.g. `challenge: N+1 queries on the article list` (got "").']);
    assert.equal('challenge' in topic || 'solution' in topic, false);
  });
});

describe('parseTopic: problems named with their line and a fix', () => {
  it('asks a bundled note without front matter for one, naming the title it is listed under', () => {
    assert.deepEqual(problemsOf('# Cache-aside with Redis\n'), [
      '1 warning: No front matter: start the file with `---`, then `id: redis-cache-aside` and `title: …`, then `---`. Listed as "Cache-aside with Redis" until then.',
    ]);
    assert.deepEqual(problemsOf('Just text.\n'), [
      '1 warning: No front matter: start the file with `---`, then `id: redis-cache-aside` and `title: …`, then `---`. Listed as "redis-cache-aside" until then.',
    ]);
  });

  it('names a front matter that never ends, and lists the note by its file name', () => {
    const text = '---\nid: cache-aside\ntitle: Cache-aside\n\n# Cache-aside\n';
    assert.deepEqual(problemsOf(text, 'user'), ['1 error: Front matter starts with `---` but never ends: add a closing `---` line after the YAML.']);
    const { topic } = parseTopic(FILE, text, 'caching', 'user');
    assert.deepEqual([topic.id, topic.title], ['redis-cache-aside', 'Cache-aside']);
  });

  it('names invalid YAML at its line and checks nothing else until it is fixed', () => {
    assert.deepEqual(problemsOf('---\nid: cache-aside\ntitle: "Cache-aside\nlevel: wizard\n---\n# Cache\n'), [
      '3 error: Front matter is not valid YAML: Missing closing "quote. Fix the YAML between the `---` lines.',
    ]);
  });

  it('names front matter that is a list, not key: value lines', () => {
    assert.deepEqual(problemsOf('---\n- id: cache-aside\n- title: Cache-aside\n---\n# Cache\n'), ['2 error: Front matter must be `key: value` lines (a YAML mapping).']);
  });

  it('suggests the key meant, or lists the known keys when nothing is close', () => {
    assert.deepEqual(problemsOf('---\ntitel: Cache-aside\nauthor: Ana\n---\n', 'user'), [
      '2 error: Unknown key `titel`: did you mean `title`?',
      '3 error: Unknown key `author`. Known keys: id, title, summary, order, level, tags, prerequisites, related, snippets, versions, challenge, solution.',
    ]);
  });

  it('asks a bundled note for each missing required key, with an example to paste', () => {
    assert.deepEqual(problemsOf('---\ntags: [redis]\n---\n'), [
      '1 error: Missing `id`: add `id: redis-cache-aside` to the front matter.',
      '1 error: Missing `title`: add `title: A title` to the front matter.',
      '1 error: Missing `summary`: add `summary: One sentence on what this note teaches.` to the front matter.',
      '1 error: Missing `order`: add `order: 1` to the front matter.',
      '1 error: Missing `level`: add `level: beginner` to the front matter.',
    ]);
    assert.deepEqual(problemsOf('---\ntags: [redis]\n---\n', 'user'), []);
  });

  it('names each malformed value at its line, says what it got, and falls back', () => {
    const text = [
      '---',
      'id: Cache_Aside',
      'title: [Cache, aside]',
      'summary: {short: yes}',
      'order: .inf',
      'level: 2',
      'tags: redis',
      'prerequisites: [caching-strategies, 3]',
      'related:',
      'snippets: drf-cache-page',
      'versions: Django 5.2',
      'challenge: 42',
      'solution: true',
      '---',
      '# Cache-aside',
    ].join('\n');
    assert.deepEqual(problemsOf(text), [
      '2 error: `id` must be lowercase words joined by hyphens, e.g. `redis-cache-aside` (got "Cache_Aside").',
      '3 error: `title` must be text, e.g. `title: A title` (got a list [Cache, aside]).',
      '4 error: `summary` must be text, e.g. `summary: One sentence on what this note teaches.` (got a mapping).',
      '5 error: `order` must be a number, e.g. `order: 3` (got Infinity).',
      '6 error: `level` must be one of beginner, intermediate, advanced (got 2).',
      '7 error: `tags` must be a list of words, e.g. `tags: [orm, performance]` (got "redis").',
      '8 error: `prerequisites` must be a list of topic ids, e.g. `prerequisites: [other-topic-id]` (got a list [caching-strategies, 3]).',
      '9 error: `related` must be a list of topic ids, e.g. `related: [other-topic-id]` (got nothing).',
      '10 error: `snippets` must be a list of snippet names, e.g. `snippets: [drf-model-viewset]` (got "drf-cache-page").',
      '11 error: `versions` must be a list of the versions the note teaches, e.g. `versions: [Django 5.2 LTS, DRF 3.16]` (got "Django 5.2").',
      '12 error: `challenge` must be text, e.g. `challenge: N+1 queries on the article list` (got 42).',
      '13 error: `solution` must be text, e.g. `solution: select_related and prefetch_related` (got true).',
    ]);
    const { topic } = parseTopic(FILE, text, 'caching', 'bundled');
    assert.deepEqual(
      [topic.id, topic.title, topic.summary, topic.order, topic.level, topic.tags, topic.prerequisites, 'challenge' in topic],
      ['redis-cache-aside', 'Cache-aside', '', 1000, 'beginner', [], [], false],
    );
  });

  it('takes a blank title as missing text and an id of spaces as no id', () => {
    assert.deepEqual(problemsOf('---\nid: "  "\ntitle: "   "\n---\n# Redis\n', 'user'), [
      '2 error: `id` must be text, e.g. `id: redis-cache-aside` (got "  ").',
      '3 error: `title` must be text, e.g. `title: A title` (got "   ").',
    ]);
  });

  it('reads a level given as a string only when it is one of the three', () => {
    assert.deepEqual(problemsOf('---\nlevel: Advanced\n---\n', 'user'), ['2 error: `level` must be one of beginner, intermediate, advanced (got "Advanced").']);
    assert.equal(parseTopic(FILE, '---\nlevel: advanced\norder: -2.5\n---\n', 'caching', 'user').topic.level, 'advanced');
    assert.equal(parseTopic(FILE, '---\nlevel: advanced\norder: -2.5\n---\n', 'caching', 'user').topic.order, -2.5);
  });
});

describe('slugFromFile', () => {
  it('makes an id from the file name: decoded, lowercase, words joined by single hyphens', () => {
    assert.equal(slugFromFile('file:///notes/data/Orm%20N+1.md'), 'orm-n-1');
    assert.equal(slugFromFile('file:///notes/--Caching__Strategies--.MD'), 'caching-strategies');
    assert.equal(slugFromFile('file:///notes/Notes%20on%20README.md%20files.md'), 'notes-on-readme-md-files');
    assert.equal(slugFromFile('file:///notes/%E2%9C%93.md'), 'untitled');
  });
});

describe('splitFrontMatter', () => {
  it('splits at the first closing fence, keeping the lines of the YAML and the body', () => {
    assert.deepEqual(splitFrontMatter('---\r\nid: a\r\n--- \r\n# A\r\n---\nmore'), {
      yaml: 'id: a\r',
      yamlLine: 2,
      body: '# A\r\n---\nmore',
      bodyLine: 4,
      unclosed: false,
    });
  });

  it('skips a byte-order mark before the fence', () => {
    assert.equal(splitFrontMatter('\uFEFF---\nid: a\n---\nBody').body, 'Body');
    assert.equal(splitFrontMatter('\uFEFFNo fence').body, 'No fence');
  });

  it('takes a file without an opening fence as all body, and one without a closing fence as unclosed', () => {
    assert.deepEqual(splitFrontMatter('# A\n---\nid: a\n---\n'), { yaml: undefined, yamlLine: 1, body: '# A\n---\nid: a\n---\n', bodyLine: 1, unclosed: false });
    assert.deepEqual(splitFrontMatter('----\nid: a\n----\n').yaml, undefined);
    assert.deepEqual(splitFrontMatter('x---\nid: a\n---\n').yaml, undefined);
    assert.deepEqual(splitFrontMatter('---\nid: a\n'), { yaml: undefined, yamlLine: 2, body: '---\nid: a\n', bodyLine: 1, unclosed: true });
    assert.deepEqual(splitFrontMatter('---\n---'), { yaml: '', yamlLine: 2, body: '', bodyLine: 3, unclosed: false });
  });
});

describe('extractHeadings and firstTitle', () => {
  it('lists headings of every level outside code fences, without hashes or closing hashes', () => {
    const body = [
      '# Redis',
      '   ## Cache-aside   ',
      '    ## indented four: code, not a heading',
      '#no-space',
      '####### seven hashes',
      '``` python',
      '# comment',
      '~~~',
      '# still code: a tilde fence does not close a backtick fence',
      '```',
      '~~~~',
      '## inside tildes',
      '````',
      '~~~~',
      '###### Six ######',
      '#### Trailing # kept #',
      'Wrap code in ``` fences; this line is prose.',
      '`select_related` follows a foreign key.',
      '~/.bashrc holds the alias.',
      'Compare it with C# records.',
      '##   Spaced out',
      '  ```sql',
      '# a SQL comment',
      '  ```',
      '### After the SQL',
    ].join('\n');
    assert.deepEqual(extractHeadings(body), ['Redis', 'Cache-aside', 'Six', 'Trailing # kept', 'Spaced out', 'After the SQL']);
  });

  it('takes the first level-one heading as the title', () => {
    assert.equal(firstTitle('Intro\n## Not this\n  # Cache-aside ##\n# Later'), 'Cache-aside');
    assert.equal(firstTitle('## Only second level\n#Nospace'), undefined);
    assert.equal(firstTitle('Written in C# 12.\n#   Records'), 'Records');
    assert.equal(firstTitle('# Redis'), 'Redis');
  });
});
