/**
 * loadCatalog as the learner meets it: the tree it builds and every problem it names, in the Problems panel's
 * order (by file, then line), for the fixture content and for broken folders, files and categories. Each case
 * loads inside its own test, so Stryker (npm run stryker) can tell which test sees which mutant; catalog.test.ts
 * loads once in a hook.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCatalog, type ContentReader } from '../../src/core/loadCatalog';
import type { Catalog } from '../../src/core/model';
import { diskReader, fileUri } from '../harness/diskReader';
import { repoRoot } from '../harness/paths';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'catalog');

function shown(catalog: Catalog, root: string) {
  return {
    tree: catalog.categories.map((category) => [category.id, category.title, category.icon, category.order, category.topics.map((topic) => topic.id)]),
    problems: catalog.problems.map((p) => `${p.file.slice(root.length)}:${p.line} ${p.severity} (${p.source}) ${p.message}`),
  };
}

/** In-memory files; `unreadable` paths reject as a permission error would. */
function memoryReader(files: Record<string, string>, unreadable: string[] = []): ContentReader {
  const refuse = (file: string) => Promise.reject(new Error(`EACCES: permission denied, open '${file}'`));
  return {
    readFile: async (file) => (unreadable.includes(file) ? refuse(file) : (files[decodeURIComponent(file)] ?? Promise.reject(new Error(`ENOENT ${file}`)))),
    readDirectory: async (dir) => {
      if (unreadable.includes(dir)) {
        return refuse(dir);
      }
      const names = new Map<string, boolean>();
      for (const file of Object.keys(files).filter((f) => f.startsWith(`${dir}/`))) {
        const rest = file.slice(dir.length + 1).split('/');
        names.set(rest[0], rest.length > 1);
      }
      return [...names].map(([name, isDirectory]) => ({ name, isDirectory }));
    },
  };
}

const CATEGORIES = '- id: data\n  title: Data\n  icon: database\n  order: 2\n- id: caching\n  title: Caching\n  icon: zap\n  order: 1\n- id: graphql\n  title: GraphQL\n  icon: type-hierarchy\n  order: 3\n';
const note = (id: string, title: string, order = 1, extra = '') => `---\nid: ${id}\ntitle: ${title}\nsummary: s\norder: ${order}\nlevel: beginner\n${extra}---\n# ${title}\n`;

describe('loadCatalog: the tree and the Problems panel', () => {
  it('lists every problem of the fixture content by file and line, and the tree in order', async () => {
    const root = fileUri(fixtures);
    const catalog = await loadCatalog(diskReader, { bundled: root, user: [fileUri(path.join(fixtures, 'user'))] });
    assert.deepEqual(shown(catalog, root), {
      tree: [
        ['foundations', 'Foundations', 'book', 1, ['http', 'python']],
        ['data', 'Data', 'database', 2, ['orm', 'broken-yaml', 'my-index-notes', 'my-orm-notes', 'typos']],
        ['elsewhere', 'elsewhere', 'folder', 9999, ['stray']],
        ['my-notes', 'My Notes', 'notebook', 10000, ['loose-note']],
      ],
      problems: [
        '/topics/data/broken-yaml.md:3 error (bundled) Front matter is not valid YAML: Missing closing "quote. Fix the YAML between the `---` lines.',
        '/topics/data/orm.md:9 error (bundled) `related` names `no-such-topic`, which is no topic id: check the spelling or remove it.',
        '/topics/data/typos.md:1 error (bundled) Missing `title`: add `title: A title` to the front matter.',
        '/topics/data/typos.md:3 error (bundled) Unknown key `titel`: did you mean `title`?',
        '/topics/data/typos.md:5 error (bundled) `order` must be a number, e.g. `order: 3` (got "seven").',
        '/topics/data/typos.md:6 error (bundled) `level` must be one of beginner, intermediate, advanced (got "wizard").',
        '/topics/data/typos.md:7 error (bundled) `tags` must be a list of words, e.g. `tags: [orm, performance]` (got "performance").',
        '/topics/data/typos.md:8 error (bundled) `snippets` names `drf-nope`, which is no snippet: use a prefix from content/snippets, e.g. `drf-…`.',
        "/topics/elsewhere/stray.md:1 warning (bundled) Unknown category `elsewhere` (the note's folder): use one of data, foundations, or add it to catalog/categories.yaml.",
        '/topics/foundations/second-http.md:2 error (bundled) Duplicate id `http`: foundations/http.md already uses it. Give this note another id.',
        '/user/data/my-index-notes.md:3 error (user) `level` must be one of beginner, intermediate, advanced (got "expert").',
      ],
    });
  });

  it('skips what is not a note, names what it cannot read, and still lists the rest', async () => {
    const files = {
      'mem:/c/categories.yaml': CATEGORIES,
      'mem:/c/snippets/drf-cache.code-snippets': '{ "Cache": { "prefix": ["drf-cache-page"], "body": "" } }',
      'mem:/c/snippets/README.md': 'Not snippets.',
      'mem:/c/topics/caching/redis.md': note('redis', 'Redis', 1, 'snippets: [drf-cache-page]\nrelated: [orm]\n'),
      'mem:/c/topics/caching/diagram.png': 'PNG',
      'mem:/c/topics/caching/README.md': '# About this folder',
      'mem:/c/topics/caching/old-readme.md': note('old-readme', 'Old readme', 2),
      'mem:/c/topics/caching/locked.md': note('locked', 'Locked'),
      'mem:/c/topics/caching/drafts/idea.md': note('idea', 'Idea'),
      'mem:/c/topics/data/orm.md': note('orm', 'The ORM'),
      'mem:/c/topics/loose.md': note('loose', 'Loose'),
      'mem:/u/My Notes.md': '# My notes\n',
      'mem:/u/locked-folder/a.md': '# A\n',
    };
    const catalog = await loadCatalog(memoryReader(files, ['mem:/c/topics/caching/locked.md', 'mem:/u/locked-folder']), { bundled: 'mem:/c//', user: ['mem:/u'] });
    assert.deepEqual(shown(catalog, 'mem:'), {
      tree: [
        ['caching', 'Caching', 'zap', 1, ['redis', 'old-readme', 'locked']],
        ['data', 'Data', 'database', 2, ['orm']],
        ['my-notes', 'My Notes', 'notebook', 10000, ['my-notes']],
      ],
      problems: [
        "/c/topics/caching/locked.md:1 error (bundled) Could not read the file: Error: EACCES: permission denied, open 'mem:/c/topics/caching/locked.md'",
        '/c/topics/caching/locked.md:1 warning (bundled) No front matter: start the file with `---`, then `id: locked` and `title: …`, then `---`. Listed as "locked" until then.',
        '/c/topics/loose.md:1 error (bundled) A bundled note must sit in a category folder: topics/<category>/<slug>.md.',
        "/u/locked-folder:1 error (user) Could not read the folder: Error: EACCES: permission denied, open 'mem:/u/locked-folder'",
      ],
    });
    assert.equal(catalog.topics.get('my-notes')?.file, 'mem:/u/My%20Notes.md');
  });

  it('numbers a plain learner note that repeats an id, but names a clash of ids that were written out', async () => {
    const files = {
      'mem:/c/categories.yaml': CATEGORIES,
      'mem:/c/topics/data/orm.md': note('orm', 'The ORM'),
      'mem:/c/topics/data/orm-copy.md': '---\ntitle: Copy\n---\n',
      'mem:/c/topics/data/z-orm.md': '---\ntitle: Copy\nid: orm-copy\nsummary: s\norder: 1\nlevel: beginner\n---\n',
      'mem:/u/data/orm.md': '---\nid: orm\ntitle: Mine\n---\n',
      'mem:/u/data/orm-copy.md': '# Mine too\n',
    };
    const catalog = await loadCatalog(memoryReader(files), { bundled: 'mem:/c', user: ['mem:/u'] });
    assert.deepEqual(
      shown(catalog, 'mem:').problems.filter((problem) => problem.includes('Duplicate')),
      [
        '/c/topics/data/z-orm.md:3 error (bundled) Duplicate id `orm-copy`: data/orm-copy.md already uses it. Give this note another id.',
        '/u/data/orm.md:2 error (user) Duplicate id `orm`: data/orm.md already uses it. Give this note another id.',
      ],
    );
    assert.deepEqual([...catalog.topics.keys()], ['orm-copy', 'orm', 'orm-copy-2']);
  });

  it('names a categories.yaml that is not valid YAML, not a list, or has an incomplete entry, at its line', async () => {
    const load = async (categories: string) =>
      shown(await loadCatalog(memoryReader({ 'mem:/c/categories.yaml': categories, 'mem:/c/topics/data/orm.md': note('orm', 'The ORM') }), { bundled: 'mem:/c', user: [] }), 'mem:/c/').problems;
    const unknown = (known: string) =>
      `topics/data/orm.md:1 warning (bundled) Unknown category \`data\` (the note's folder): ${known ? `use one of ${known}, or add it to c/categories.yaml` : 'no categories could be read from c/categories.yaml (missing, unreadable or without a valid entry); add `data` to it'}.`;
    assert.deepEqual(await load('- id: data\n  title: [Data\n'), ['categories.yaml:3 error (bundled) Not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]', unknown('')]);
    assert.deepEqual(await load('data: Data\n'), ['categories.yaml:1 error (bundled) categories.yaml must be a list of `- id: …, title: …, icon: …, order: …` entries.', unknown('')]);
    const incomplete = '- id: caching\n  title: Caching\n  icon: zap\n  order: 1\n- id: data\n  title: Data\n  order: 2\n- plain\n- id: 3\n  title: T\n  icon: i\n  order: 4\n- id: d\n  title: 5\n  icon: i\n  order: 4\n- id: d\n  title: D\n  icon: i\n  order: "4"\n';
    const entry = 'Each category needs `id` and `title` (text), `icon` (a codicon name) and `order` (a number).';
    assert.deepEqual(await load(incomplete), [5, 8, 9, 13, 17].map((line) => `categories.yaml:${line} error (bundled) ${entry}`).concat(unknown('caching')));
  });
});
