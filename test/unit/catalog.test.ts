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
        ['data', ['orm', 'broken-yaml', 'my-orm-notes', 'typos']],
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

  it('lists a learner note without front matter under its folder, titled from its heading, with a warning', () => {
    const mine = catalog.topics.get('my-orm-notes');
    assert.equal(mine?.title, 'My ORM notes');
    assert.equal(mine?.source, 'user');
    const [warning] = problemsIn(catalog, 'user/data/my-orm-notes.md');
    assert.equal(warning.severity, 'warning');
    assert.match(warning.message, /No front matter/);
  });

  it('one bad file hides nothing else', () => {
    assert.equal(catalog.topics.size, 8);
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
      {
        readFile: async (file) => files[file] ?? Promise.reject(new Error(`ENOENT ${file}`)),
        readDirectory: async (dir) => {
          const names = new Map<string, boolean>();
          for (const file of Object.keys(files).filter((f) => f.startsWith(`${dir}/`))) {
            const rest = file.slice(dir.length + 1).split('/');
            names.set(rest[0], rest.length > 1);
          }
          return [...names].map(([name, isDirectory]) => ({ name, isDirectory }));
        },
      },
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
