import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { findBacklinks } from '../../src/core/backlinks';
import { loadCatalog } from '../../src/core/loadCatalog';
import { backlinkSection } from '../../src/core/markdown/backlinkSection';
import type { Topic } from '../../src/core/model';
import { parseTopic } from '../../src/core/parseTopic';
import { diskReader, fileUri } from '../harness/diskReader';
import { repoRoot } from '../harness/paths';

function notes(files: Record<string, string>): Map<string, Topic> {
  return new Map(
    Object.entries(files).map(([file, text]) => {
      const { topic } = parseTopic(`file:///notes/${file}`, text, file.split('/')[0], 'user');
      return [topic.id, topic];
    }),
  );
}

describe('backlinks', () => {
  it('finds links by relative path, id and topic:, once per note, ignoring code, self-links and broken links', () => {
    const topics = notes({
      'data/orm.md': '# ORM\n\nSee [myself](orm.md) and [nothing](../data/nope.md).\n',
      'data/indexes.md': '# Indexes\n\n[ORM](orm.md#pitfalls), again [the ORM](topic:orm) and [by id](orm).\n',
      'caching/redis.md': '# Redis\n\n```md\n[not a link](../data/orm.md)\n```\n\n`[code](orm)` and [index](../data/indexes.md).\n',
      'caching/pages.md': '# Pages\n\nRead [the ORM note](../data/orm.md) then [Redis](topic:redis).\n',
    });
    const byFile = new Map([...topics.values()].map((topic) => [topic.file, topic.id]));
    const linked = findBacklinks(topics, (uri) => byFile.get(uri));
    assert.deepEqual(Object.fromEntries(linked), { orm: ['indexes', 'pages'], indexes: ['redis'], redis: ['pages'] });
  });

  it('lists the linking notes as topic links, escaped, and nothing when none link', () => {
    assert.equal(
      backlinkSection([{ id: 'orm', title: 'The <ORM> & "N+1"' }]),
      '<section class="nexus-backlinks">\n<h2 id="nexus-backlinks">Linked from</h2>\n<ul>\n' +
        '<li><a href="#" data-topic="orm" class="nexus-link-topic">The &lt;ORM&gt; &amp; &quot;N+1&quot;</a></li>\n</ul>\n</section>\n',
    );
    assert.equal(backlinkSection([]), '');
  });

  it('finds the links between the bundled notes, to and from real topics only', async () => {
    const catalog = await loadCatalog(diskReader, { bundled: fileUri(path.join(repoRoot, 'content')), user: [] });
    const byFile = new Map([...catalog.topics.values()].map((topic) => [topic.file, topic.id]));
    const linked = findBacklinks(catalog.topics, (uri) => byFile.get(uri));
    assert.ok(linked.get('orm-n-plus-one')?.includes('graphql-performance'), JSON.stringify(linked.get('orm-n-plus-one')));
    for (const [target, from] of linked) {
      assert.ok(catalog.topics.has(target) && from.length > 0 && from.every((id) => catalog.topics.has(id) && id !== target), `${target} ← ${from.join(', ')}`);
    }
  });
});
