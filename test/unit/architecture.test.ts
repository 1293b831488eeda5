import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readArchitecture } from '../../src/core/architecture/architectureModel';
import { layoutMap, overlaps, pointOnCurve, textWidth, type Box, type MapLayout } from '../../src/core/architecture/mapLayout';
import { KIND_ICONS, mapSvg } from '../../src/core/architecture/mapSvg';
import { flowEdges, flowSequence } from '../../src/core/architecture/toMermaid';
import { loadCatalog } from '../../src/core/loadCatalog';
import { diskReader, fileUri } from '../harness/diskReader';
import { repoRoot } from '../harness/paths';

const TOPICS = new Set(['rest-design', 'redis-django', 'postgresql-transactions']);

const SMALL = `zones:
  - { id: client, title: Client }
  - { id: data, title: "Data & cache", column: 2 }
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
        [7, 'Component `end`: `kind` must be one of client, proxy, app, database, cache, broker, worker, ci, storage, dev (got "mainframe").'],
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

describe('the architecture map', () => {
  const { architecture } = readArchitecture('mem:/a.yaml', SMALL, TOPICS);

  it('puts each zone in its column, which must be a small whole number', () => {
    const bad = SMALL.replace('column: 2', 'column: two');
    const { architecture: read, problems } = readArchitecture('mem:/a.yaml', bad, TOPICS);
    assert.deepEqual(problems.map((p) => [p.line, p.message])[0], [3, 'Zone `data`: `column` must be a whole number from 1 to 12 (got "two").']);
    assert.deepEqual(read.zones.map((zone) => zone.id), ['client']);
    const layout = layoutMap(architecture);
    assert.equal(layout.zones[0].x < layout.zones[1].x, true, 'column 1 left of column 2');
  });

  it('draws text escaped, each part with the icon of its kind and its node id for the flows', () => {
    const risky = SMALL.replace('label: Browser,', 'label: "<img src=x onerror=alert(1)> & co",');
    const svg = mapSvg(layoutMap(readArchitecture('mem:/a.yaml', risky, TOPICS).architecture), 'Map "A"');
    assert.doesNotMatch(svg, /<img/);
    assert.match(svg, />&#60;img src=x</);
    assert.match(svg, /aria-label="Map &#34;A&#34;"/);
    assert.ok(svg.includes(`data-component="redis" data-node="c_redis" data-kind="cache"><rect`));
    assert.ok(svg.includes(`<path class="nexus-icon" data-icon="cache" d="${KIND_ICONS.cache}"`));
    assert.match(svg, /<g class="nexus-link" data-edge="c_browser>c_redis">/);
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

  it('lays the bundled map out readable at 1,000 px: every part placed, nothing overlapping, text fitting', async () => {
    const catalog = await loadCatalog(diskReader, { bundled: fileUri(path.join(repoRoot, 'content')), user: [] });
    const file = path.join(repoRoot, 'content', 'architecture.yaml');
    const { architecture: bundled } = readArchitecture(file, fs.readFileSync(file, 'utf8'), new Set(catalog.topics.keys()));
    const layout = layoutMap(bundled);
    assert.deepEqual(layout, layoutMap(bundled), 'deterministic');
    assertReadable(layout, bundled.components.map((c) => c.id));
    assert.equal(layout.connections.length, bundled.connections.length);
    // A 1,000-px panel leaves 934 px for the map (page and frame padding): shown that wide, 12-unit text is ≥ 11 px.
    assert.ok(layout.width <= (934 * 12) / 11, `map is ${layout.width} wide`);
    assert.deepEqual(new Set(layout.parts.map((p) => p.kind)), new Set(['client', 'proxy', 'app', 'database', 'cache', 'broker', 'worker', 'ci', 'storage', 'dev']));
  });
});

/** Every component placed inside its zone; no part, zone or label over another; curves clear of the parts they pass. */
function assertReadable(layout: MapLayout, componentIds: string[]): void {
  assert.deepEqual(layout.parts.map((p) => p.id).sort(), [...componentIds].sort());
  const inside = (inner: Box, outer: Box): boolean =>
    inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
  const all: Array<[string, Box[]]> = [['zones', layout.zones], ['parts', layout.parts], ['labels', layout.connections.map((c) => c.labelBox)]];
  for (const [what, boxes] of all) {
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => assert.ok(!overlaps(a, b), `${what} overlap: ${JSON.stringify([a, b])}`)));
    boxes.forEach((box) => assert.ok(inside(box, { x: 0, y: 0, width: layout.width, height: layout.height }), `${what} off the map: ${JSON.stringify(box)}`));
  }
  for (const link of layout.connections) {
    for (const part of layout.parts) {
      assert.ok(!overlaps(link.labelBox, part), `label ${link.label} covers ${part.id}`);
      if (part.id === link.from || part.id === link.to) {
        continue;
      }
      for (let t = 0; t <= 1; t += 0.02) {
        const point = pointOnCurve(link.curve, t);
        assert.ok(!overlaps({ ...point, width: 0, height: 0 }, part), `${link.from}→${link.to} crosses ${part.id}`);
      }
    }
  }
  for (const part of layout.parts) {
    const zone = layout.zones.find((z) => inside(part, z));
    assert.ok(zone, `${part.id} sits in a zone`);
    for (const line of part.lines) {
      assert.ok(textWidth(line, 13) <= part.width - 44, `${part.id}: “${line}” fits`);
    }
  }
}
