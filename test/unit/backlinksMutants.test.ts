/**
 * "Linked from" as the learner sees it under a note: links count where the rendered note shows them as links, and
 * nowhere else. Written against the Stryker survivors of src/core/backlinks.ts (npm run stryker); backlinks.test.ts
 * covers the link forms.
 */
import * as assert from 'node:assert/strict';
import { findBacklinks } from '../../src/core/backlinks';
import type { Topic } from '../../src/core/model';
import { parseTopic } from '../../src/core/parseTopic';

function linkedFrom(files: Record<string, string>): Record<string, string[]> {
  const topics = new Map(
    Object.entries(files).map(([file, text]) => {
      const { topic } = parseTopic(`file:///notes/${file}`, text, file.split('/')[0], 'user');
      return [topic.id, topic] as [string, Topic];
    }),
  );
  const byFile = new Map([...topics.values()].map((topic) => [topic.file, topic.id]));
  return Object.fromEntries(findBacklinks(topics, (uri) => byFile.get(uri)));
}

describe('backlinks in self-check answers and raw HTML', () => {
  it('counts a markdown link in an answer, not one inside raw HTML lines, which the note shows as text', () => {
    const linked = linkedFrom({
      'data/orm.md': '# The ORM\n',
      'caching/redis.md': '# Redis\n',
      'data/queries.md': [
        '# Query counts',
        '',
        '## Self-check',
        '',
        '<details>',
        '<summary>Where is N+1 explained?</summary>',
        '',
        'In [the ORM note](orm.md).',
        '',
        '</details>',
        '',
        '<details>',
        '<summary>And caching? [the Redis note](../caching/redis.md)</summary>',
        '</details>',
        '',
      ].join('\n'),
    });
    assert.deepEqual(linked, { orm: ['queries'] });
  });

  it('lists every note that links to a topic, in catalog order', () => {
    const linked = linkedFrom({
      'data/orm.md': '# The ORM\n',
      'data/indexes.md': '# Indexes\n\nSee [the ORM](orm.md).\n',
      'caching/redis.md': '# Redis\n\nCache what [the ORM](../data/orm.md) fetches.\n',
      'caching/pages.md': '# Pages\n\n[ORM](topic:orm)\n',
    });
    assert.deepEqual(linked, { orm: ['indexes', 'redis', 'pages'] });
  });
});
