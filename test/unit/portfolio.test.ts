import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readArchitecture } from '../../src/core/architecture/architectureModel';
import { loadCatalog } from '../../src/core/loadCatalog';
import type { Catalog } from '../../src/core/model';
import { scanMarkers } from '../../src/core/portfolio/markers';
import { appendPortfolio, exportPortfolio, freshPortfolio, SECTIONS, type PortfolioInput } from '../../src/core/portfolio/portfolio';
import { relativeLink } from '../../src/core/portfolio/relativeLink';
import { reviewByCategory } from '../../src/core/portfolio/sections/review';
import { addTakeaway, parseTakeaways } from '../../src/core/portfolio/takeawayFile';
import { withStudied, emptyProgress, type Progress } from '../../src/core/progress';
import { emptyReviewState } from '../../src/core/review/state';
import { diskReader, fileUri } from '../harness/diskReader';
import { repoRoot } from '../harness/paths';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'portfolio');
const readme = fileUri(path.join(fixtures, 'README.md'));
const STUDIED = ['orm-n-plus-one', 'relationships', 'docker-compose', 'jwt-auth', 'redis-django'];

/** The text of one generated region, without its markers. */
function region(text: string, name: string): string {
  const found = scanMarkers(text).regions.find((r) => r.name === name);
  assert.ok(found, `no region "${name}" in:\n${text}`);
  return text.slice(found.contentStart, found.contentEnd);
}

/** Everything outside the generated regions (markers included), which a re-export must keep byte for byte. */
function outside(text: string): string[] {
  const parts: string[] = [];
  let last = 0;
  for (const r of scanMarkers(text).regions) {
    parts.push(text.slice(last, r.contentStart));
    last = r.contentEnd;
  }
  parts.push(text.slice(last));
  return parts;
}

describe('portfolio', () => {
  let catalog: Catalog;
  let input: PortfolioInput;
  const progress = (ids: string[]): Progress => withStudied(emptyProgress(), ids, true, 1_700_000_000_000);

  before(async () => {
    catalog = await loadCatalog(diskReader, { bundled: fileUri(path.join(repoRoot, 'content')), user: [fileUri(path.join(fixtures, 'notes'))] });
    const architectureFile = path.join(repoRoot, 'content', 'architecture.yaml');
    const { architecture } = readArchitecture(fileUri(architectureFile), await fs.readFile(architectureFile, 'utf8'), new Set(catalog.topics.keys()));
    const takeaways = parseTakeaways(await fs.readFile(path.join(fixtures, 'notes', 'takeaways.md'), 'utf8'));
    input = { catalog, progress: progress(STUDIED), readme, takeaways, architecture };
  });

  it('reads challenge and solution from front matter without calling them unknown keys', () => {
    const topic = [...catalog.topics.values()].find((t) => t.title.startsWith('Compose services'));
    assert.ok(topic);
    assert.match(topic.challenge ?? '', /^The web container crashed/);
    assert.match(topic.solution ?? '', /service_healthy/);
    assert.deepEqual(catalog.problems.filter((p) => p.file.includes('/portfolio/')), []);
  });

  it('overview counts what was studied and names the areas', () => {
    const text = region(freshPortfolio(input), 'overview');
    assert.match(text, new RegExp(`\\*\\*5 of ${catalog.topics.size} topics\\*\\*`));
    assert.match(text, /4 areas — Data, Security, Caching, DevOps\./);
    assert.match(text, /2 challenges I worked through and 3 takeaways/);
  });

  it('key technologies: one row per area studied, with the versions its notes teach', () => {
    const rows = region(freshPortfolio(input), 'technologies').trim().split('\n');
    assert.equal(rows[0], '| Area | Topics studied | Technologies |');
    assert.equal(rows.length, 2 + 4);
    const data = rows.find((row) => row.startsWith('| Data |'));
    assert.match(data ?? '', /^\| Data \| 2 of 7 \| .*Django 5\.2 LTS.*PostgreSQL 17/);
    assert.ok(rows.every((row) => row.split(/(?<!\\)\|/).length === 5), rows.join('\n'));
  });

  it('major learnings: one line per studied topic from its first learning goal, grouped by area, linking nowhere', () => {
    const text = region(freshPortfolio(input), 'learnings');
    const lines = text.trim().split('\n').filter((line) => line.startsWith('- '));
    assert.equal(lines.length, STUDIED.length);
    assert.match(text, /### Data\n\n- \*\*Modelling relationships[^\n]*\n- \*\*The ORM and N\+1 queries\*\*: explain why lazy relationship loading produces N\+1 queries and spot them in DRF serializers\.\n/);
    assert.ok(text.indexOf('### Security') < text.indexOf('### Caching') && text.indexOf('### Caching') < text.indexOf('### DevOps'));
    assert.doesNotMatch(text, /\]\(/);
  });

  it('challenges & solutions: a row per challenge note, from a heading pair or front matter, linked relative to the README', () => {
    const rows = region(freshPortfolio(input), 'challenges').trim().split('\n');
    assert.equal(rows.length, 2 + 2, rows.join('\n'));
    const [, , orders, compose] = rows;
    assert.equal(
      orders,
      "| Every order serialized its customer and its line items with one query each: 101 queries per page. | `select_related('customer')` and `prefetch_related('items__product')` on the viewset's queryset, then a test with `assertNumQueries(3)` so it cannot come back. | [N+1 queries on the orders list](./notes/data/n-plus-one-on-orders.md) |",
    );
    assert.equal(
      compose,
      '| The web container crashed on start: Postgres was not accepting connections yet \\| it happened on every cold start. | A `healthcheck` on the db service and `depends_on` with `condition: service_healthy`. | [Compose services started before Postgres was ready](./notes/devops/compose-healthchecks.md) |',
    );
  });

  it('best practices & takeaways: the learner\'s takeaways under the topic\'s current title, in catalog order', () => {
    assert.equal(
      region(freshPortfolio(input), 'takeaways'),
      [
        '- **The ORM and N+1 queries**: Count queries in tests: `assertNumQueries` makes an N+1 fix stay fixed.',
        '- **The ORM and N+1 queries**: `select_related` for foreign keys, `prefetch_related` for many-to-many and reverse relations.',
        '- **Docker Compose for a full local stack**: Health checks, not sleeps, decide when a service is ready.',
        '',
      ].join('\n'),
    );
  });

  it('architecture: a flowchart of every part, the studied ones filled, in syntax GitHub\'s mermaid draws', () => {
    const text = region(freshPortfolio(input), 'architecture');
    const source = /```mermaid\n([\s\S]*?)\n```/.exec(text)?.[1];
    assert.ok(source, text);
    assert.match(source, /^flowchart TB\n/);
    assert.match(source, /c_postgres\[\("PostgreSQL primary"\)\]/);
    // JWT auth, Redis and Compose open topics studied (jwt-auth, redis-django, docker-compose); PostgreSQL's is not.
    assert.equal(source.split('\n').at(-1), '  class c_auth,c_redis,c_compose studied');
    // Newer syntax (shape objects, init directives, icons, clicks) fails or is stripped on GitHub.
    assert.doesNotMatch(source, /@\{|%%\{|fa:|\bclick\b|:::/);
    assert.match(text, /^The system the programme builds\. The parts whose topics I studied are filled \(3 of 15\)\./);
  });

  it('schema and review appear when their data is there, not before', () => {
    assert.ok(!scanMarkers(freshPortfolio(input)).regions.some((r) => r.name === 'schema' || r.name === 'review'));
    const schemaFile = fileUri(path.join(fixtures, 'app', 'models.py'));
    const text = freshPortfolio({ ...input, schema: { mermaid: 'erDiagram\n  ORDER }o--|| CUSTOMER : customer', files: [schemaFile] }, review: [{ categoryId: 'data', cards: 12, mastered: 5 }] });
    assert.equal(region(text, 'schema'), 'My schema, drawn by Nexus from `app/models.py`.\n\n```mermaid\nerDiagram\n  ORDER }o--|| CUSTOMER : customer\n```\n');
    assert.equal(region(text, 'review'), '| Area | Cards | Mastered (interval ≥ 21 days) |\n| --- | --- | --- |\n| Data | 12 | 5 |\n');
  });

  it('leaks no absolute path, file URI or machine name', () => {
    const text = freshPortfolio({ ...input, schema: { mermaid: 'erDiagram\n  A ||--o{ B : has', files: [fileUri(path.join(fixtures, 'app', 'models.py')), 'vscode-remote://ssh-remote+buildbox/home/me/models.py'] } });
    for (const secret of [repoRoot, fixtures, os.homedir(), os.tmpdir(), 'file:', 'vscode-remote', 'buildbox', os.hostname()]) {
      assert.ok(!text.includes(secret), `the README contains ${secret}`);
    }
  });

  it('links are relative from wherever the README is', () => {
    assert.equal(relativeLink('file:///w/site/README.md', 'file:///w/notes/data/a%20b.md'), '../notes/data/a%20b.md');
    assert.equal(relativeLink('file:///w/README.md', 'file:///w/notes/x(1).md'), './notes/x%281%29.md');
    assert.equal(relativeLink('file:///w/README.md', 'vscode-remote://host/w/x.md'), undefined);
  });

  it('re-export after the learner edited outside the markers changes nothing but the generated parts, byte for byte', () => {
    const first = freshPortfolio(input);
    // The learner: an intro, a renamed heading, notes between sections, CRLF in their own lines, no final newline.
    const edited = first
      .replace('# Project Nexus\n', '# Project Nexus — Ada\'s backend portfolio\r\n\r\nBuilt during the ALX programme.  \n')
      .replace('## Key Technologies Covered', '## Tech I used   ')
      .replace('<!-- nexus:end learnings -->\n', '<!-- nexus:end learnings -->\n\nMy own paragraph\twith a tab, and trailing spaces   \n')
      .concat('\n## Contact\n\nada@example.org');
    const second = exportPortfolio(edited, { ...input, progress: progress([...STUDIED, 'celery-reliability', 'tdd-drf']) });
    assert.deepEqual(second.problems, []);
    assert.deepEqual(second.added, []);
    assert.deepEqual(second.updated, SECTIONS.filter((s) => s.name !== 'schema' && s.name !== 'review').map((s) => s.name));
    assert.deepEqual(outside(second.text), outside(edited));
    assert.match(region(second.text, 'learnings'), /### Asynchronous Work/);
    assert.match(region(second.text, 'overview'), /\*\*7 of/);
    // With nothing new, exporting again gives the same bytes.
    assert.equal(exportPortfolio(second.text, { ...input, progress: progress([...STUDIED, 'celery-reliability', 'tdd-drf']) }).text, second.text);
  });

  it('keeps a CRLF file CRLF', () => {
    const crlf = freshPortfolio(input, '\r\n');
    assert.doesNotMatch(crlf, /[^\r]\n/);
    const again = exportPortfolio(crlf, { ...input, progress: progress(['tdd-drf']) });
    assert.doesNotMatch(again.text, /[^\r]\n/);
    assert.deepEqual(outside(again.text), outside(crlf));
  });

  it('adds a section the file lacks after its predecessor, and never touches damaged or unknown markers', () => {
    const first = freshPortfolio(input);
    const damaged = first
      .replace('<!-- nexus:end challenges -->\n', '')
      .replace('<!-- nexus:begin takeaways -->', '<!-- nexus:begin  takeaways ->')
      .replace('## Overview', '<!-- nexus:begin my-own -->\nkeep me\n<!-- nexus:end my-own -->\n\n## Overview');
    const result = exportPortfolio(damaged, { ...input, progress: progress(['tdd-drf']), schema: { mermaid: 'erDiagram\n  A ||--o{ B : has', files: [] } });
    assert.deepEqual(
      result.problems.map((p) => [p.line, p.message.slice(0, 40)]),
      [
        [5, 'Unknown section "my-own": left as it is.'],
        [damaged.split('\n').indexOf('<!-- nexus:begin  takeaways ->') + 1, 'This line looks like a Nexus marker but '],
        [damaged.split('\n').indexOf('<!-- nexus:end takeaways -->') + 1, '`nexus:end takeaways` closes `nexus:begi'],
      ],
    );
    // The damaged stretch (challenges through takeaways' end) is kept exactly, and neither is added a second time.
    const from = damaged.indexOf('<!-- nexus:begin challenges -->');
    const to = damaged.indexOf('## Architecture');
    assert.ok(result.text.includes(damaged.slice(from, to)));
    assert.equal(result.text.split('nexus:begin challenges').length, 2);
    assert.equal(result.text.split('nexus:end takeaways').length, 2);
    assert.ok(result.text.includes('<!-- nexus:begin my-own -->\nkeep me\n<!-- nexus:end my-own -->'));
    assert.deepEqual(result.added, ['schema']);
    assert.match(result.text, /<!-- nexus:end architecture -->\n\n## Data Model\n\n<!-- nexus:begin schema -->\n/);
  });

  it('markers shown inside code blocks are text', () => {
    const text = 'Intro\n\n```markdown\n<!-- nexus:begin overview -->\n```\n';
    assert.deepEqual(scanMarkers(text), { regions: [], damaged: new Set(), problems: [] });
    const result = exportPortfolio(text, input);
    assert.equal(result.hadMarkers, false);
    assert.equal(result.text, text);
  });

  it('writes a fresh portfolio into a missing or empty README, without asking', () => {
    assert.equal(exportPortfolio(undefined, input).text, freshPortfolio(input));
    const blank = exportPortfolio(' \r\n', input);
    assert.equal(blank.text, freshPortfolio(input, '\r\n'));
    assert.equal(blank.hadMarkers, false);
  });

  it('appends below a README without markers, keeping it whole', () => {
    const theirs = '# My project\n\nHand-written.';
    const text = appendPortfolio(theirs, input);
    assert.ok(text.startsWith(`${theirs}\n\n## Overview\n\n<!-- nexus:begin overview -->\n`));
    assert.equal(exportPortfolio(text, input).text, text);
  });
});

describe('takeaway file', () => {
  const orm = { id: 'orm-n-plus-one', title: 'The ORM and N+1 queries' };

  it('starts a file the learner owns, with a section per topic linked by id', () => {
    const text = addTakeaway(undefined, orm, '  Measure first:\n assertNumQueries. ');
    assert.match(text, /^---\ntitle: My takeaways\n/);
    assert.ok(text.endsWith('\n## [The ORM and N+1 queries](topic:orm-n-plus-one)\n\n- Measure first: assertNumQueries.\n'), text);
    assert.deepEqual(parseTakeaways(text), [{ topicId: 'orm-n-plus-one', title: 'The ORM and N+1 queries', items: ['Measure first: assertNumQueries.'] }]);
  });

  it('adds to the topic\'s section wherever it is, keeping the rest byte for byte (CRLF too)', () => {
    const before = '# Mine\r\n\r\n## [ORM, my words](topic:orm-n-plus-one)\r\n\r\n- one\r\n\r\n## [JWT](topic:jwt-auth)\r\n\r\n- rotate\r\n';
    const after = addTakeaway(before, orm, 'two');
    assert.equal(after, '# Mine\r\n\r\n## [ORM, my words](topic:orm-n-plus-one)\r\n\r\n- one\r\n- two\r\n\r\n## [JWT](topic:jwt-auth)\r\n\r\n- rotate\r\n');
    const third = addTakeaway(after, { id: 'docker', title: 'Docker [basics]' }, 'layers');
    assert.ok(third.startsWith(after));
    assert.ok(third.endsWith('\r\n## [Docker \\[basics\\]](topic:docker)\r\n\r\n- layers\r\n'));
    assert.deepEqual(parseTakeaways(third).map((t) => [t.topicId, t.items]), [['orm-n-plus-one', ['one', 'two']], ['jwt-auth', ['rotate']], ['docker', ['layers']]]);
  });
});

describe('review stats for the portfolio', () => {
  it('counts cards per category and those mastered (in review, interval of 21 days or more); retired cards are left out', async () => {
    const catalog = await loadCatalog(diskReader, { bundled: fileUri(path.join(repoRoot, 'content')), user: [] });
    const card = (id: string, topicId: string, phase: 'new' | 'review', scheduledDays: number, retired?: number) => ({
      id,
      topicId,
      text: id,
      added: 0,
      updatedAt: 0,
      ...(retired === undefined ? {} : { retired }),
      schedule: { phase, due: 0, stability: 0, difficulty: 0, scheduledDays, learningSteps: 0, reps: 1, lapses: 0 },
    });
    const cards = [card('a', 'orm-n-plus-one', 'review', 30), card('b', 'orm-n-plus-one', 'review', 20), card('c', 'relationships', 'new', 0), card('d', 'docker', 'review', 40), card('e', 'docker', 'review', 40, 5), card('f', 'gone', 'review', 99)];
    const state = { ...emptyReviewState(), cards: Object.fromEntries(cards.map((c) => [c.id, c])) };
    assert.deepEqual(reviewByCategory(state, catalog), [
      { categoryId: 'data', cards: 3, mastered: 1 },
      { categoryId: 'devops', cards: 1, mastered: 1 },
    ]);
  });
});
