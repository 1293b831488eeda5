import * as assert from 'node:assert/strict';
import { lineEnding, scanMarkers, sectionBlock } from '../../src/core/portfolio/markers';
import { listItems, oneLine, tableCell, textUnderHeading, withoutLocalLinks } from '../../src/core/portfolio/markdownText';
import { addTakeaway, parseTakeaways } from '../../src/core/portfolio/takeawayFile';

/** A learner's note as the portfolio reads it: goals as a list, a challenge with code, links of every kind. */
const NOTE = `# Caching reads with Redis

Why a cache: most reads repeat.

## Learning goals

- Explain **cache-aside**
  and where it reads stale data.
   - Pick a TTL per key
10. Invalidate on write
2) Measure the hit rate   
- 
Budget: 2 - 3 hours.

### Going further

Read the [Redis docs](https://redis.io/docs "Redis") first.

~~~python
\`\`\`
# a comment, not a heading
~~~

## Challenge ##

Reads went stale after a write:  the  [view](../views.md) kept
serving ![the old chart](img/chart.png  "stale") for **60 s**.

> The TTL was a day.

### Where

\`\`\`python
## also no heading
cache.get(f"user:{pk}")  # a | in code
\`\`\`

## Solution

Delete the key in the same transaction's \`on_commit\`; see [the topic](topic:redis-django),
[Django's docs](http://docs.djangoproject.com/en/5.0/topics/cache/) and [a mirror](./go?to=https://x.y).
`;

describe('portfolio: reading a note\'s markdown', () => {
  it('takes the text under a heading, down to the next one of its level, past headings in code', () => {
    assert.equal(
      textUnderHeading(NOTE, /^learning goals$/i),
      [
        '- Explain **cache-aside**',
        '  and where it reads stale data.',
        '   - Pick a TTL per key',
        '10. Invalidate on write',
        '2) Measure the hit rate   ',
        '- ',
        'Budget: 2 - 3 hours.',
        '',
        '### Going further',
        '',
        'Read the [Redis docs](https://redis.io/docs "Redis") first.',
        '',
        '~~~python',
        '```',
        '# a comment, not a heading',
        '~~~',
      ].join('\n'),
    );
    assert.match(textUnderHeading(NOTE, /^challenge$/i) ?? '', /^Reads went stale[^]*## also no heading[^]*\n```$/);
    assert.equal(textUnderHeading(NOTE, /^solutions?$/i)?.split('\n').length, 2);
    assert.equal(textUnderHeading(NOTE, /^pitfalls$/i), undefined);
    assert.equal(textUnderHeading('## Pitfalls\n', /^pitfalls$/i), '', 'a heading with nothing under it');
  });

  it('lists the items, numbered or not, continuation lines joined, paragraphs and empty items left out', () => {
    assert.deepEqual(listItems(textUnderHeading(NOTE, /^learning goals$/i) ?? ''), [
      'Explain **cache-aside** and where it reads stale data.',
      'Pick a TTL per key',
      'Invalidate on write',
      'Measure the hit rate',
    ]);
    assert.deepEqual(listItems('  An indented intro.\n- One\n   \n- Two'), ['One', 'Two'], 'a blank line with spaces adds nothing');
  });

  it('keeps web links and drops the others to their words, images included', () => {
    assert.equal(
      withoutLocalLinks(textUnderHeading(NOTE, /^challenge$/i)?.split('\n').slice(0, 2).join('\n') ?? ''),
      'Reads went stale after a write:  the  view kept\nserving the old chart for **60 s**.',
    );
    assert.equal(
      withoutLocalLinks('See [the docs](https://redis.io/docs "Redis docs") and ![diagram](https://example.com/a.png).'),
      'See [the docs](https://redis.io/docs "Redis docs") and ![diagram](https://example.com/a.png).',
    );
    assert.equal(withoutLocalLinks('[a mirror](./go?to=https://x.y), [old](HTTP://example.com), ![](x.png)'), 'a mirror, [old](HTTP://example.com), ');
    assert.equal(withoutLocalLinks('![chart](chart.png?src=https://x.y) ![old chart](http://example.com/c.png)'), 'chart ![old chart](http://example.com/c.png)');
    assert.equal(withoutLocalLinks('[view](../views.md "The view") and [list](list.md  "L")'), 'view and list');
  });

  it('puts prose on one line, paragraphs and items apart, headings and quote marks dropped', () => {
    const challenge = textUnderHeading(NOTE, /^challenge$/i) ?? '';
    assert.equal(oneLine(challenge), 'Reads went stale after a write: the view kept serving the old chart for **60 s**. The TTL was a day. Where');
    assert.equal(
      tableCell(challenge),
      'Reads went stale after a write: the view kept serving the old chart for **60 s**.<br>The TTL was a day.<br>Where',
    );
    assert.equal(tableCell('  - one\n  - two  \n\n##  Next\n\n>quoted\n> and  more'), 'one<br>two<br>Next<br>quoted and more');
    assert.equal(tableCell('a | b'), 'a \\| b');
    assert.equal(tableCell('```\nonly code\n```'), '—');
    assert.equal(tableCell('x > y\n\n#hashtag'), 'x > y<br>#hashtag');
    assert.equal(tableCell('~~~\n```\nnot text\n~~~\nafter the code'), 'after the code');
    assert.equal(tableCell('Costs - and\ngains, in C# too:\n1. one\n10. ten\n## Next'), 'Costs - and gains, in C# too:<br>one<br>ten<br>Next');
  });
});

describe('portfolio: the takeaways file, read and written', () => {
  const FILE = [
    '---',
    'title: My takeaways',
    '---',
    '# My takeaways',
    '',
    '## [The ORM and N+1 \\[queries\\] ](topic:orm-n-plus-one)',
    '',
    '- Use `select_related` for foreign keys,',
    '  `prefetch_related` for many.',
    '-   Count queries in tests.  ',
    '- ',
    '<!-- older notes below -->',
    'A paragraph I wrote',
    '   across two lines.',
    '',
    'Another paragraph. Costs - and gains.',
    '### A sub-heading stays in the section',
    '',
    '## [Redis](topic:redis-django)',
    '',
    '## Reading list',
    '',
    '- not a takeaway',
    '',
    '# [Compose](topic:docker-compose)',
    '- not one either',
    '## [The ORM, again](topic:orm-n-plus-one)',
    '- One more.',
    '',
  ].join('\n');

  it('reads items and paragraphs per topic, joins repeated sections and skips empty ones', () => {
    assert.deepEqual(parseTakeaways(FILE), [
      {
        topicId: 'orm-n-plus-one',
        title: 'The ORM and N+1 [queries]',
        items: [
          'Use `select_related` for foreign keys, `prefetch_related` for many.',
          'Count queries in tests.',
          'A paragraph I wrote across two lines.',
          'Another paragraph. Costs - and gains. ### A sub-heading stays in the section',
          'One more.',
        ],
      },
    ]);
    assert.deepEqual(parseTakeaways(FILE.replace(/\n/g, '\r\n')), parseTakeaways(FILE), 'CRLF reads the same');
  });

  it('appends to a section at the top of the file, to an empty one, and starts a new one after trailing blank lines', () => {
    const top = addTakeaway('## [Redis](topic:redis-django)\n\n- Cache-aside.\n\n## [JWT](topic:jwt-auth)\n- Short access tokens.', { id: 'redis-django', title: 'Redis' }, 'TTL per\n   key.');
    assert.equal(top, '## [Redis](topic:redis-django)\n\n- Cache-aside.\n- TTL per key.\n\n## [JWT](topic:jwt-auth)\n- Short access tokens.\n');
    const empty = addTakeaway('# Mine\n\n## [Redis](topic:redis-django)\n\n\n## [JWT](topic:jwt-auth)\n', { id: 'redis-django', title: 'Redis' }, 'Cache-aside.');
    assert.equal(empty, '# Mine\n\n## [Redis](topic:redis-django)\n\n- Cache-aside.\n\n\n## [JWT](topic:jwt-auth)\n');
    const last = addTakeaway('# Mine\n\n## [Redis](topic:redis-django)\n- Cache-aside.\n### Detail\n- TTLs.\n', { id: 'redis-django', title: 'Redis' }, 'Evict.');
    assert.equal(last, '# Mine\n\n## [Redis](topic:redis-django)\n- Cache-aside.\n### Detail\n- TTLs.\n- Evict.\n');
    const fresh = addTakeaway('# Mine\n\n## [Redis](topic:redis-django)\n- Cache-aside.\n\n\n\n', { id: 'jwt-auth', title: 'JWT [auth]' }, 'Rotate refresh tokens.');
    assert.equal(fresh, '# Mine\n\n## [Redis](topic:redis-django)\n- Cache-aside.\n\n## [JWT \\[auth\\]](topic:jwt-auth)\n\n- Rotate refresh tokens.\n');
    assert.equal(addTakeaway('\n\n', { id: 'jwt-auth', title: 'JWT' }, 'x'), '\n## [JWT](topic:jwt-auth)\n\n- x\n');
  });
});

describe('portfolio: markers in a README', () => {
  const README = [
    '# My backend', //                               1
    '<!-- nexus:begin overview -->', //              2
    'old', //                                        3
    '<!-- nexus:begin technologies -->', //          4
    'x', //                                          5
    '<!-- nexus:end technologies -->', //            6
    '<!-- nexus:end learnings -->', //               7
    '~~~md', //                                      8
    '```', //                                        9
    '<!-- nexus:begin challenges -->', //            10
    '~~~', //                                        11
    '<!-- nexus:begin schema -->', //                12
    's', //                                          13
    '<!-- nexus:end schema -->', //                  14
    '<!-- nexus:begin schema -->', //                15
    '<!-- nexus:end schema -->', //                  16
    '<!-- nexus:begin review -->', //                17
    'r', //                                          18
  ].join('\n');

  it('names each damaged marker with its line and keeps only the intact regions', () => {
    const { regions, damaged, problems } = scanMarkers(README);
    assert.deepEqual(regions.map((r) => [r.name, r.line]), [['technologies', 4]]);
    assert.deepEqual([...damaged].sort(), ['learnings', 'overview', 'review', 'schema']);
    assert.deepEqual(problems, [
      { line: 2, message: '`nexus:begin overview` has no `nexus:end overview` before the next begin marker (line 4): section "overview" is left as it is.' },
      { line: 7, message: '`nexus:end learnings` has no `nexus:begin learnings` before it: section "learnings" is left as it is.' },
      { line: 15, message: 'Section "schema" appears twice (lines 12 and 15): remove one; both are left as they are.' },
      { line: 17, message: '`nexus:begin review` is never closed: add `<!-- nexus:end review -->` after it. Section "review" is left as it is.' },
    ]);
  });

  it('writes lines with the ending the file mostly uses, and a block with or without its heading', () => {
    assert.equal(lineEnding('a\nb'), '\n');
    assert.equal(lineEnding('a\r\nb\nc'), '\n', 'a tie stays LF');
    assert.equal(lineEnding('a\r\nb\r\nc\n'), '\r\n');
    assert.equal(lineEnding('one line'), '\n');
    assert.equal(sectionBlock('overview', undefined, 'x\ny', '\r\n'), '<!-- nexus:begin overview -->\r\nx\r\ny\r\n<!-- nexus:end overview -->');
    assert.equal(sectionBlock('overview', '## Overview', 'x', '\n'), '## Overview\n\n<!-- nexus:begin overview -->\nx\n<!-- nexus:end overview -->');
  });
});
