import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalog } from '../../src/core/loadCatalog';
import { diskReader, fileUri } from '../harness/diskReader';
import { freshTempDir } from '../harness/paths';

describe('a snippets file that cannot be read', () => {
  it('is named in the problems while every note still loads', async () => {
    const content = freshTempDir('snippets-unreadable');
    try {
      fs.mkdirSync(path.join(content, 'topics', 'data'), { recursive: true });
      fs.mkdirSync(path.join(content, 'snippets'));
      fs.writeFileSync(path.join(content, 'categories.yaml'), '- id: data\n  title: Data\n  icon: database\n  order: 1\n');
      fs.writeFileSync(path.join(content, 'topics', 'data', 'orm.md'), '---\nid: orm\ntitle: The ORM\nsummary: Models.\norder: 1\nlevel: beginner\nsnippets: [drf-cache-page]\n---\n\nBody.\n');
      fs.writeFileSync(path.join(content, 'snippets', 'drf-cache.code-snippets'), '{ "Cache": { "prefix": ["drf-cache-page"], "body": "" } }');
      // A link to a file that is gone: listed in the folder, refused when read.
      fs.symlinkSync(path.join(content, 'nowhere.code-snippets'), path.join(content, 'snippets', 'drf-gone.code-snippets'));
      const catalog = await loadCatalog(diskReader, { bundled: fileUri(content), user: [] });
      assert.deepEqual([...catalog.topics.values()].map((topic) => topic.title), ['The ORM']);
      assert.deepEqual(
        catalog.problems.map((problem) => `${path.basename(problem.file)}:${problem.line} ${problem.severity} ${problem.message.split(':')[0]}`),
        ['drf-gone.code-snippets:1 error Could not read the file'],
        'the readable snippets file still names drf-cache-page',
      );
    } finally {
      fs.rmSync(content, { recursive: true, force: true });
    }
  });
});
