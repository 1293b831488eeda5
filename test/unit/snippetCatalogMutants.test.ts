/**
 * The Snippets view's data and the snippet names notes may cite: the bundled `drf-*.code-snippets` grouped by DRF
 * concept, titled by groups.yaml, and what a broken file turns into (a problem with its file and line, never a
 * missing view). Written against the Stryker survivors and uncovered mutants of src/core/snippets/** and
 * src/core/snippetNames.ts (npm run stryker).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseSnippetNames } from '../../src/core/snippetNames';
import { loadSnippets } from '../../src/core/snippets/loadSnippets';
import { drfOriginal, loadSnippetCatalog } from '../../src/core/snippets/snippetCatalog';
import { diskReader, fileUri } from '../harness/diskReader';
import { repoRoot } from '../harness/paths';

/** A content reader over in-memory files: a missing file rejects as the disk would. */
function memoryReader(folder: string, files: Record<string, string>, directories: string[] = []) {
  return {
    readFile: async (file: string) => files[file.slice(folder.length + 1)] ?? Promise.reject(new Error(`ENOENT: no such file ${file}`)),
    readDirectory: async () => [...Object.keys(files).map((name) => ({ name, isDirectory: false })), ...directories.map((name) => ({ name, isDirectory: true }))],
  };
}

const viewset = JSON.stringify({
  'DRF: ModelViewSet': {
    prefix: ['drf-model-viewset', 'drf-viewset'],
    description: 'ModelViewSet → Express router with list, create, retrieve, update, destroy',
    scope: 'typescript',
    body: ['const router = Router();', 'router.get("/", list);'],
  },
  'DRF: APIView': { prefix: 'drf-api-view', body: 'app.get("/", handler);' },
});

describe('the bundled snippets, grouped for the Snippets view', () => {
  it('groups every drf- file by its concept, in the order and with the titles and icons of groups.yaml', async () => {
    const { groups, problems } = await loadSnippetCatalog(diskReader, fileUri(path.join(repoRoot, 'content', 'snippets')));
    assert.deepEqual(problems, []);
    assert.deepEqual(groups.map((group) => group.id), ['data', 'serializers', 'views', 'auth', 'permissions', 'pagination', 'filtering', 'caching', 'versioning', 'errors', 'async', 'graphql', 'testing']);
    assert.deepEqual(groups.slice(0, 2).map((group) => [group.title, group.icon, group.order]), [
      ['Models and the ORM', 'database', 1],
      ['Serializers and validation', 'symbol-structure', 2],
    ]);
    // Titles with a comma stay whole (unquoted in a YAML flow mapping, the comma would end them).
    assert.deepEqual(groups.filter((group) => group.title.includes(',')).map((group) => group.title), ['Views, viewsets and routers', 'Filtering, search and ordering']);
    const pagination = groups.find((group) => group.id === 'pagination');
    assert.deepEqual(pagination?.snippets.map((snippet) => [snippet.prefix[0], drfOriginal(snippet), snippet.scope]), [
      ['drf-pagination-page', 'PageNumberPagination (?page=&page_size=)', 'typescript'],
      ['drf-pagination-limit-offset', 'LimitOffsetPagination (?limit=&offset=)', 'typescript'],
      ['drf-pagination-cursor', 'CursorPagination (opaque ?cursor=, ordering on a unique column)', 'typescript'],
    ]);
  });

  it('reports a broken snippets file at its file and skips only that group; other files and folders are not groups', async () => {
    const reader = memoryReader(
      'mem:/s',
      {
        'groups.yaml': '- { id: views, title: Views, icon: symbol-method, order: 3 }\n- { id: auth, title: Authentication, icon: key, order: 4 }\n',
        'drf-views.code-snippets': viewset,
        'drf-errors.code-snippets': '{\n  "DRF: APIException": { "prefix": "drf-exceptions", "body": [] },\n}\n',
        'drf-auth.code-snippets': '[]',
        'notes.code-snippets': viewset,
        'old-drf-views.code-snippets': viewset,
        'drf-views.code-snippets.bak': viewset,
        'drf-views.json': viewset,
      },
      ['drf-old.code-snippets'],
    );
    const { groups, problems } = await loadSnippetCatalog(reader, 'mem:/s');
    assert.deepEqual(groups.map((group) => [group.id, group.title, group.snippets.map((snippet) => snippet.name)]), [['views', 'Views', ['DRF: ModelViewSet', 'DRF: APIView']]]);
    assert.deepEqual(problems, [
      { file: 'mem:/s/drf-auth.code-snippets', line: 1, message: 'drf-auth.code-snippets: a snippets file must be a JSON object of named snippets.', severity: 'error', source: 'bundled' },
      { file: 'mem:/s/drf-errors.code-snippets', line: 3, message: 'SyntaxError: Expected double-quoted property name in JSON at position 69', severity: 'error', source: 'bundled' },
    ]);
  });

  it('still lists the groups, by title with a plain icon, when groups.yaml is missing, and says so', async () => {
    const reader = memoryReader('mem:/s', { 'drf-views.code-snippets': viewset, 'drf-auth.code-snippets': viewset, 'drf-cache.code-snippets': viewset });
    const { groups, problems } = await loadSnippetCatalog(reader, 'mem:/s');
    assert.deepEqual(groups.map((group) => [group.id, group.title, group.icon, group.order]), [
      ['auth', 'auth', 'symbol-snippet', 1000],
      ['cache', 'cache', 'symbol-snippet', 1000],
      ['views', 'views', 'symbol-snippet', 1000],
    ]);
    assert.deepEqual(problems.map((problem) => [problem.file, problem.line, problem.severity, problem.source, problem.message]), [
      ['mem:/s/groups.yaml', 1, 'warning', 'bundled', 'Could not read the snippet groups: Error: ENOENT: no such file mem:/s/groups.yaml'],
    ]);
  });

  it('orders groups of equal order by title, and reads an empty groups.yaml as no titles', async () => {
    const files = { 'groups.yaml': '- { id: b, title: Alpha, order: 2 }\n- { id: a, title: Beta, order: 2 }\n- { id: c, title: Gamma, order: 1 }\n', 'drf-a.code-snippets': viewset, 'drf-b.code-snippets': viewset, 'drf-c.code-snippets': viewset };
    assert.deepEqual((await loadSnippetCatalog(memoryReader('mem:/s', files), 'mem:/s')).groups.map((group) => group.title), ['Gamma', 'Alpha', 'Beta']);
    const empty = await loadSnippetCatalog(memoryReader('mem:/s', { 'groups.yaml': '# nothing yet\n', 'drf-views.code-snippets': viewset }), 'mem:/s');
    assert.deepEqual([empty.groups.map((group) => group.title), empty.problems], [['views'], []]);
  });
});

describe('loadSnippets', () => {
  it('reads prefixes and bodies given as a string or a list, the description and the scope', () => {
    assert.deepEqual(loadSnippets(viewset), [
      {
        name: 'DRF: ModelViewSet',
        prefix: ['drf-model-viewset', 'drf-viewset'],
        description: 'ModelViewSet → Express router with list, create, retrieve, update, destroy',
        body: 'const router = Router();\nrouter.get("/", list);',
        scope: 'typescript',
      },
      { name: 'DRF: APIView', prefix: ['drf-api-view'], description: '', body: 'app.get("/", handler);' },
    ]);
  });

  it('names the file and the snippet that is malformed', () => {
    assert.throws(() => loadSnippets('null', 'drf-x.code-snippets'), { message: 'drf-x.code-snippets: a snippets file must be a JSON object of named snippets.' });
    assert.throws(() => loadSnippets('"text"'), { message: 'snippets: a snippets file must be a JSON object of named snippets.' });
    const needs = (name: string) => ({ message: `drf-x.code-snippets: snippet "${name}" needs a string (or string array) prefix and body.` });
    assert.throws(() => loadSnippets('{"No body": {"prefix": "drf-a"}}', 'drf-x.code-snippets'), needs('No body'));
    assert.throws(() => loadSnippets('{"No prefix": {"body": ["x"]}}', 'drf-x.code-snippets'), needs('No prefix'));
    assert.throws(() => loadSnippets('{"Numbers": {"prefix": ["drf-a", 2], "body": "x"}}', 'drf-x.code-snippets'), needs('Numbers'));
    assert.throws(() => loadSnippets('{"Mixed body": {"prefix": "drf-a", "body": ["x", 2]}}', 'drf-x.code-snippets'), needs('Mixed body'));
    assert.throws(() => loadSnippets('{"Null": null}', 'drf-x.code-snippets'), needs('Null'));
    assert.deepEqual(loadSnippets('{"Odd": {"prefix": "drf-a", "body": "x", "description": 3, "scope": ["ts"]}}'), [{ name: 'Odd', prefix: ['drf-a'], description: '', body: 'x' }]);
  });
});

describe('parseSnippetNames', () => {
  it('lists every prefix of a snippets file', () => {
    assert.deepEqual(parseSnippetNames(viewset), { names: ['drf-model-viewset', 'drf-viewset', 'drf-api-view'] });
  });

  it('names the line of a JSON error, and the line where a value that is no object starts', () => {
    assert.deepEqual(parseSnippetNames('{\n  "x": { "prefix": "drf-x", "body": "" },\n}\n'), {
      error: 'Not valid: Expected double-quoted property name in JSON at position 44',
      line: 3,
    });
    assert.deepEqual(parseSnippetNames('[1]'), { error: 'Not valid: snippets: a snippets file must be a JSON object of named snippets.', line: 1 });
  });
});
