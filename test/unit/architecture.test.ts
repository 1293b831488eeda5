import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readArchitecture } from '../../src/core/architecture/architectureModel';
import { architectureFlowchart, flowEdges, flowSequence } from '../../src/core/architecture/toMermaid';
import { loadCatalog } from '../../src/core/loadCatalog';
import { diskReader, fileUri } from '../harness/diskReader';
import { repoRoot } from '../harness/paths';

const TOPICS = new Set(['rest-design', 'redis-django', 'postgresql-transactions']);

const SMALL = `zones:
  - { id: client, title: Client }
  - { id: data, title: "Data & cache" }
components:
  - { id: browser, label: Browser, kind: client, zone: client, topic: rest-design, role: Calls the API. }
  - { id: redis, label: "Redis \\"cache\\"", kind: cache, zone: data, topic: redis-django, role: Hot reads. }
  - { id: end, label: PostgreSQL, kind: database, zone: data, topic: postgresql-transactions, role: Truth. }
connections:
  - { from: browser, to: redis, label: RESP }
  - { from: redis, to: end, label: "#miss" }
flows:
  - id: read
    title: A read
    steps:
      - { from: browser, to: redis, label: "GET k; miss" }
      - { from: end, to: redis, label: rows }
      - { from: end, to: browser, label: reply }
`;

describe('the architecture model', () => {
  it('reads zones, components, connections and flows', () => {
    const { architecture, problems } = readArchitecture('mem:/a.yaml', SMALL, TOPICS);
    assert.deepEqual(problems, []);
    assert.deepEqual(architecture.components.map((c) => [c.id, c.kind, c.zone, c.topic]), [
      ['browser', 'client', 'client', 'rest-design'],
      ['redis', 'cache', 'data', 'redis-django'],
      ['end', 'database', 'data', 'postgresql-transactions'],
    ]);
    assert.equal(architecture.flows[0].steps.length, 3);
  });

  it('names each bad entry with its line and keeps the rest', () => {
    const bad = SMALL.replace('topic: redis-django', 'topic: no-such-topic')
      .replace('kind: database', 'kind: mainframe')
      .replace('{ from: browser, to: redis, label: RESP }', '{ from: browser, to: ghost, label: RESP }')
      .replace('zone: client, topic', 'zone: nowhere, topic');
    const { architecture, problems } = readArchitecture('mem:/a.yaml', bad, TOPICS);
    assert.deepEqual(
      problems.map((p) => [p.line, p.message]),
      [
        [5, 'Component `browser` is in zone `nowhere`, which is not among the zones.'],
        [6, 'Component `redis` opens topic `no-such-topic`, which is no topic id.'],
        [7, 'Component `end`: `kind` must be one of client, proxy, service, database, cache, queue, worker, pipeline, storage (got "mainframe").'],
        [9, 'This connection names `browser` and `ghost`, which is no component.'],
        [10, 'This connection names `redis` and `end`, which is no component.'],
        [12, 'This step of flow `read` names `browser` and `redis`, which is no component.'],
        [12, 'This step of flow `read` names `end` and `redis`, which is no component.'],
        [12, 'This step of flow `read` names `end` and `browser`, which is no component.'],
      ],
    );
    assert.equal(architecture.components.length, 0);
  });

  it('reports YAML errors with their line', () => {
    const { problems } = readArchitecture('mem:/a.yaml', 'zones:\n  - { id: a, title: "open\n', TOPICS);
    assert.equal(problems.length > 0, true);
    assert.match(problems[0].message, /Not valid YAML/);
  });
});

describe('the architecture as mermaid', () => {
  const { architecture } = readArchitecture('mem:/a.yaml', SMALL, TOPICS);

  it('draws zones as subgraphs, components shaped by kind, connections as labelled arrows', () => {
    const lines = architectureFlowchart(architecture).split('\n');
    assert.equal(lines[0], 'flowchart LR');
    assert.ok(lines.includes('  subgraph z_client["Client"]'));
    assert.ok(lines.includes('  subgraph z_data["Data & cache"]'));
    assert.ok(lines.includes('    c_browser(["Browser"])'), 'a client is a stadium');
    assert.ok(lines.includes('    c_redis[("Redis #quot;cache#quot;")]'), 'a cache is a cylinder, quotes escaped');
    assert.ok(lines.includes('    c_end[("PostgreSQL")]'), 'the id `end` is prefixed, never a bare keyword');
    assert.ok(lines.includes('  c_browser -->|"RESP"| c_redis'));
    assert.ok(lines.includes('  c_redis -->|"#35;miss"| c_end'));
  });

  it('turns a flow into a numbered sequence diagram and lights the connecting edges either way', () => {
    const [flow] = architecture.flows;
    assert.deepEqual(flowSequence(architecture, flow).split('\n'), [
      'sequenceDiagram',
      '  autonumber',
      '  participant c_browser as Browser',
      '  participant c_redis as Redis "cache"',
      '  participant c_end as PostgreSQL',
      '  c_browser->>c_redis: GET k  miss',
      '  c_end->>c_redis: rows',
      '  c_end->>c_browser: reply',
    ]);
    assert.deepEqual(flowEdges(architecture, flow), [{ from: 'c_browser', to: 'c_redis' }, { from: 'c_redis', to: 'c_end' }, undefined]);
  });

  it('reads the bundled architecture without problems, every component opening an existing topic', async () => {
    const catalog = await loadCatalog(diskReader, { bundled: fileUri(path.join(repoRoot, 'content')), user: [] });
    const file = path.join(repoRoot, 'content', 'architecture.yaml');
    const { architecture: bundled, problems } = readArchitecture(file, fs.readFileSync(file, 'utf8'), new Set(catalog.topics.keys()));
    assert.deepEqual(problems, []);
    assert.ok(bundled.components.length >= 12);
    assert.deepEqual(bundled.zones.map((zone) => zone.id), ['client', 'edge', 'app', 'data', 'async', 'delivery']);
    for (const title of ['Cached read (cache hit / miss)', 'JWT login and refresh', 'Write that enqueues an async email', 'N+1 versus select_related', 'Push to deploy']) {
      assert.ok(bundled.flows.some((flow) => flow.title === title), title);
    }
  });
});
