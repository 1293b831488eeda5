import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCatalog } from '../../src/core/loadCatalog';
import type { Catalog, Problem } from '../../src/core/model';
import { diskReader, fileUri } from '../harness/diskReader';
import { repoRoot } from '../harness/paths';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'catalog');

function problemsIn(catalog: Catalog, fileSuffix: string): Problem[] {
  return catalog.problems.filter((problem) => problem.file.endsWith(fileSuffix));
}

function assertProblem(catalog: Catalog, fileSuffix: string, line: number, pattern: RegExp): void {
  const found = problemsIn(catalog, fileSuffix);
  assert.ok(
    found.some((problem) => problem.line === line && pattern.test(problem.message)),
    `expected ${fileSuffix}:${line} ${pattern}, got:\n${found.map((p) => `${p.line}: ${p.message}`).join('\n') || '(none)'}`,
  );
}

/** A content reader over in-memory files, so a case states its notes in full. */
function memoryReader(files: Record<string, string>) {
  return {
    readFile: async (file: string) => files[file] ?? Promise.reject(new Error(`ENOENT ${file}`)),
    readDirectory: async (dir: string) => {
      const names = new Map<string, boolean>();
      for (const file of Object.keys(files).filter((f) => f.startsWith(`${dir}/`))) {
        const rest = file.slice(dir.length + 1).split('/');
        names.set(rest[0], rest.length > 1);
      }
      return [...names].map(([name, isDirectory]) => ({ name, isDirectory }));
    },
  };
}

describe('loading the catalog', () => {
  let catalog: Catalog;
  before(async () => {
    catalog = await loadCatalog(diskReader, { bundled: fileUri(fixtures), user: [fileUri(path.join(fixtures, 'user'))] });
  });

  it('orders categories and their topics by `order`, then title', () => {
    assert.deepEqual(
      catalog.categories.map((category) => [category.id, category.topics.map((topic) => topic.id)]),
      [
        ['foundations', ['http', 'python']],
        ['data', ['orm', 'broken-yaml', 'my-index-notes', 'my-orm-notes', 'typos']],
        ['elsewhere', ['stray']],
        ['my-notes', ['loose-note']],
      ],
    );
  });

  it('reads every front matter field, the headings outside code, and where the body starts', () => {
    const orm = catalog.topics.get('orm');
    assert.ok(orm);
    assert.equal(orm.title, 'The ORM and N+1 queries');
    assert.equal(orm.level, 'intermediate');
    assert.deepEqual(orm.tags, ['orm', 'performance']);
    assert.deepEqual(orm.prerequisites, ['http']);
    assert.deepEqual(orm.snippets, ['drf-serializer']);
    assert.deepEqual(orm.headings, ['The ORM and N+1 queries', 'select_related versus prefetch_related']);
    assert.equal(orm.bodyLine, 12);
    assert.equal(orm.source, 'bundled');
  });

  it('names bad YAML with its file and line, and still lists the note', () => {
    assertProblem(catalog, 'data/broken-yaml.md', 3, /not valid YAML/);
    const broken = catalog.topics.get('broken-yaml');
    assert.equal(broken?.title, 'Broken YAML', 'titled from its first heading, with an id from its file name');
  });

  it('names unknown keys with a suggestion', () => {
    assertProblem(catalog, 'data/typos.md', 3, /Unknown key `titel`: did you mean `title`\?/);
  });

  it('names missing fields', () => {
    assertProblem(catalog, 'data/typos.md', 1, /Missing `title`/);
  });

  it('names wrong-typed fields at their lines', () => {
    assertProblem(catalog, 'data/typos.md', 5, /`order` must be a number.*"seven"/);
    assertProblem(catalog, 'data/typos.md', 6, /`level` must be one of beginner, intermediate, advanced.*"wizard"/);
    assertProblem(catalog, 'data/typos.md', 7, /`tags` must be a list/);
  });

  it('names duplicate ids at the second file and keeps the first', () => {
    assertProblem(catalog, 'foundations/second-http.md', 2, /Duplicate id `http`: foundations\/http\.md already uses it/);
    assert.equal(catalog.topics.get('http')?.title, 'HTTP and the request lifecycle');
  });

  it('names references to unknown topics and snippets at their lines', () => {
    assertProblem(catalog, 'data/orm.md', 9, /`related` names `no-such-topic`/);
    assertProblem(catalog, 'data/typos.md', 8, /`snippets` names `drf-nope`, which is no snippet/);
    assert.equal(problemsIn(catalog, 'data/orm.md').length, 1, 'known topics and snippets pass');
  });

  it('names a topic in an unknown category and still lists it under its folder', () => {
    assertProblem(catalog, 'elsewhere/stray.md', 1, /Unknown category `elsewhere`/);
    assert.equal(catalog.categories.find((category) => category.id === 'elsewhere')?.title, 'elsewhere');
  });

  it('lists a learner note without front matter under its folder, titled from its heading, with no problem', () => {
    const mine = catalog.topics.get('my-orm-notes');
    assert.equal(mine?.title, 'My ORM notes');
    assert.equal(mine?.source, 'user');
    assert.deepEqual(problemsIn(catalog, 'user/data/my-orm-notes.md'), []);
  });

  it('one bad file hides nothing else', () => {
    assert.equal(catalog.topics.size, 9);
  });
});

describe('loading bad input', () => {
  it('reports a broken categories file and a broken snippets file with lines', async () => {
    const files: Record<string, string> = {
      'mem:/c/categories.yaml': '- id: a\n  title: A\n  icon: book\n  order: 1\n- id: b\n  title: [B]\n',
      'mem:/c/snippets/bad.code-snippets': '{\n  "x": { "prefix": "drf-x" },\n}\n',
      'mem:/c/topics/a/one.md': '---\nid: one\ntitle: One\nsummary: s\norder: 1\nlevel: beginner\n---\n# One\n',
    };
    const catalog = await loadCatalog(
      memoryReader(files),
      { bundled: 'mem:/c', user: [] },
    );
    assert.deepEqual(
      catalog.problems.map((problem) => [problem.file, problem.line]),
      [
        ['mem:/c/categories.yaml', 5],
        ['mem:/c/snippets/bad.code-snippets', 3],
      ],
    );
    assert.deepEqual([...catalog.topics.keys()], ['one']);
  });
});

describe("the learner's own plain markdown notes", () => {
  function memoryCatalog(files: Record<string, string>, source: 'user' | 'bundled' = 'user'): Promise<Catalog> {
    const all: Record<string, string> = {
      'mem:/b/categories.yaml': '- id: data\n  title: Data\n  icon: database\n  order: 1\n',
      'mem:/b/topics/data/orm.md': '---\nid: orm\ntitle: The ORM\nsummary: s\norder: 1\nlevel: beginner\n---\n# The ORM\n',
      ...Object.fromEntries(Object.entries(files).map(([name, text]) => [source === 'user' ? `mem:/u/${name}` : `mem:/b/topics/${name}`, text])),
    };
    return loadCatalog(
      memoryReader(all),
      { bundled: 'mem:/b', user: source === 'user' ? ['mem:/u'] : [] },
    );
  }

  it('reads twenty notes that have only a title, a heading or a file name, with zero problems', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 20; i += 1) {
      const kind = i % 3;
      files[`week-${Math.ceil(i / 5)}/note-${i}.md`] =
        kind === 0 ? `---\ntitle: Note ${i}\n---\nText.\n` : kind === 1 ? `# Note ${i}\n\nText.\n` : 'Just text, no heading.\n';
    }
    const catalog = await memoryCatalog(files);
    assert.deepEqual(catalog.problems.map((p) => `${p.file}:${p.line} ${p.message}`), []);
    const mine = [...catalog.topics.values()].filter((topic) => topic.source === 'user');
    assert.equal(mine.length, 20);
    assert.deepEqual(
      mine.filter((topic) => topic.id.startsWith('note-3') || topic.id.startsWith('note-4') || topic.id.startsWith('note-5')).map((t) => [t.id, t.title, t.level]),
      [
        ['note-3', 'Note 3', 'beginner'],
        ['note-4', 'Note 4', 'beginner'],
        ['note-5', 'note-5', 'beginner'],
      ],
    );
  });

  it('keeps the clear message, with its line, for a value that is present but malformed', async () => {
    const catalog = await memoryCatalog({ 'data/mine.md': '---\ntitle: Mine\norder: soon\nlevel: expert\n---\n# Mine\n' });
    assert.deepEqual(
      catalog.problems.map((p) => [p.line, p.message.split(' (')[0]]),
      [
        [3, '`order` must be a number, e.g. `order: 3`'],
        [4, '`level` must be one of beginner, intermediate, advanced'],
      ],
    );
  });

  it('gives a plain note whose file name repeats another topic its own id instead of a duplicate-id error', async () => {
    const catalog = await memoryCatalog({ 'data/orm.md': '# My take on the ORM\n', 'other/orm.md': '# Again\n' });
    assert.deepEqual(catalog.problems, []);
    assert.deepEqual(
      [...catalog.topics.values()].map((topic) => [topic.id, topic.title]),
      [
        ['orm', 'The ORM'],
        ['orm-2', 'My take on the ORM'],
        ['orm-3', 'Again'],
      ],
    );
  });

  it('still holds bundled notes to every required key', async () => {
    const catalog = await memoryCatalog({ 'data/thin.md': '---\ntitle: Thin\n---\n# Thin\n' }, 'bundled');
    assert.deepEqual(
      catalog.problems.map((p) => p.message.split(':')[0]),
      ['Missing `id`', 'Missing `summary`', 'Missing `order`', 'Missing `level`'],
    );
  });
});
