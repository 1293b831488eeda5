import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalog } from '../../src/core/loadCatalog';
import { loadSnippetCatalog } from '../../src/core/snippets/snippetCatalog';
import { diskReader, fileUri } from '../harness/diskReader';
import { freshTempDir } from '../harness/paths';

/**
 * A broken snippets file is reported twice: in the Problems panel (the catalog checks the snippet names notes cite)
 * and by the Snippets view. Both must point at the line to fix, whatever JSON.parse says: some of its messages give
 * a position, some ("Unexpected token 'b'", "Unexpected end of JSON input") give none; a file that is JSON but not
 * snippets is at fault where its snippet (or its value) starts.
 */
async function reportedLines(text: string): Promise<{ problemsPanel: number[]; snippetsView: number[] }> {
  const content = freshTempDir('snippet-lines');
  try {
    fs.mkdirSync(path.join(content, 'snippets'));
    fs.writeFileSync(path.join(content, 'snippets', 'drf-views.code-snippets'), text);
    const isSnippetsFile = (problem: { file: string }): boolean => problem.file.endsWith('/drf-views.code-snippets');
    const catalog = await loadCatalog(diskReader, { bundled: fileUri(content), user: [] });
    const view = await loadSnippetCatalog(diskReader, fileUri(path.join(content, 'snippets')));
    return {
      problemsPanel: catalog.problems.filter(isSnippetsFile).map((problem) => problem.line),
      snippetsView: view.problems.filter(isSnippetsFile).map((problem) => problem.line),
    };
  } finally {
    fs.rmSync(content, { recursive: true, force: true });
  }
}

/** A snippets file with its first snippet whole and its second one's lines given (the breakage sits there). */
function file(...second: string[]): string {
  return [
    '{',
    '  "DRF: APIView": {',
    '    "prefix": "drf-api-view",',
    '    "body": ["app.get(\'/\', handler);"]',
    '  },',
    ...second,
  ].join('\n');
}

describe('a broken snippets file is reported at the line to fix', () => {
  const cases: [string, string, number][] = [
    ['a missing comma between two snippets (JSON gives a position)', file('  "DRF: Router": { "prefix": "drf-router", "body": "x" }', '  "DRF: Detail": { "prefix": "drf-detail", "body": "y" }', '}', ''), 7],
    ['an unquoted word in a body list (JSON gives no position)', file('  "DRF: Router": {', '    "prefix": "drf-router",', '    "body": ["a", b]', '  }', '}', ''), 8],
    ['a single-quoted value (JSON gives no position)', file('  "DRF: Router": {', "    \"prefix\": 'drf-router',", '    "body": "x"', '  }', '}', ''), 7],
    ['a file cut off after its last line (JSON gives no position)', file('  "DRF: Router": {', '    "prefix": "drf-router",', '    "body": ["a", "b"', ''), 8],
    ['valid JSON, but a snippet without a string prefix (at that snippet)', file('  "DRF: Router": {', '    "prefix": 2,', '    "body": "x"', '  }', '}', ''), 6],
    [
      'valid JSON, but a snippet without a string prefix, after an escaped quote and named again further down (at that snippet)',
      ['{', '  "DRF: Quote": { "prefix": "drf-quote", "body": "const quote = \'\\"\';" },', '  "DRF: Router": {', '    "prefix": 2,', '    "body": "x"', '  },', '  "DRF: APIView": {', '    "prefix": "drf-api-view",', '    "body": "x",', '    "see": { "DRF: Router": "above" }', '  },', '  "Note": "DRF: Router"', '}', ''].join('\n'),
      3,
    ],
    ['valid JSON, but a list, not an object of snippets (where the list starts)', '\n[\n  "drf-router"\n]\n', 2],
  ];
  for (const [label, text, line] of cases) {
    it(`in the Problems panel and in the Snippets view: ${label}`, async () => {
      assert.deepEqual(await reportedLines(text), { problemsPanel: [line], snippetsView: [line] });
    });
  }
});
