import * as assert from 'node:assert/strict';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Document, Element } from 'domhandler';
import { readArchitecture, type Architecture } from '../../src/core/architecture/architectureModel';
import { layoutMap, MAP, overlaps, textWidth, wrap, type Box, type MapLayout, type PlacedConnection, type PlacedPart } from '../../src/core/architecture/mapLayout';
import { mapSvg } from '../../src/core/architecture/mapSvg';

const TOPICS = new Set(['rest-design', 'redis-django', 'postgresql-transactions', 'celery-rabbitmq', 'docker-compose']);

/** A backend shaped like the bundled one, zones listed out of column order, with a parts-less zone. */
const BACKEND = `zones:
  - { id: data, title: Data, column: 3 }
  - { id: client, title: Clients, column: 1 }
  - { id: app, title: Application, column: 2 }
  - { id: empty, title: Nothing yet, column: 2 }
components:
  - { id: web, label: Browser, kind: client, zone: client, topic: rest-design, role: Calls the API. }
  - { id: mobile, label: Mobile app, kind: client, zone: client, topic: rest-design, role: Calls the API too. }
  - { id: api, label: Django + DRF API server, kind: app, zone: app, topic: rest-design, role: Serves JSON. }
  - { id: worker, label: Celery worker, kind: worker, zone: app, topic: celery-rabbitmq, role: Runs tasks. }
  - { id: beat, label: Celery beat, kind: worker, zone: app, topic: celery-rabbitmq, role: Schedules tasks. }
  - { id: db, label: PostgreSQL, kind: database, zone: data, topic: postgresql-transactions, role: Truth. }
  - { id: redis, label: Redis, kind: cache, zone: data, topic: redis-django, role: Hot reads. }
connections:
  - { from: mobile, to: api, label: HTTPS }
  - { from: web, to: api, label: HTTPS }
  - { from: api, to: worker, label: enqueue }
  - { from: beat, to: worker, label: schedule }
  - { from: api, to: beat, label: config }
  - { from: api, to: db, label: SQL }
  - { from: redis, to: api, label: hits }
  - { from: api, to: api, label: self }
flows:
  - id: read
    title: A read
    steps:
      - { from: web, to: api, label: GET }
      - { from: api, to: web, label: 200 OK }
`;

const read = (yaml: string): ReturnType<typeof readArchitecture> => readArchitecture('/repo/content/architecture.yaml', yaml, TOPICS);
const lines = (yaml: string): Array<[number, string]> => read(yaml).problems.map((p) => [p.line, p.message]);

describe('the architecture model, entry by entry', () => {
  it('reads the backend and reports each problem as an error of the bundled file', () => {
    const { architecture, problems } = read(BACKEND);
    assert.deepEqual(problems, []);
    assert.deepEqual(architecture.zones.map((z) => [z.id, z.title, z.column]), [['data', 'Data', 3], ['client', 'Clients', 1], ['app', 'Application', 2], ['empty', 'Nothing yet', 2]]);
    assert.deepEqual(architecture.connections.at(-2), { from: 'redis', to: 'api', label: 'hits' });
    assert.deepEqual(architecture.flows, [{ id: 'read', title: 'A read', steps: [{ from: 'web', to: 'api', label: 'GET' }, { from: 'api', to: 'web', label: '200 OK' }] }]);
    const [problem] = read(BACKEND.replace('kind: cache', 'kind: memcache')).problems;
    assert.deepEqual({ ...problem, message: '' }, { file: '/repo/content/architecture.yaml', line: 13, message: '', severity: 'error', source: 'bundled' });
  });

  it('gives YAML errors the first line of the parser\'s message, without the excerpt', () => {
    assert.deepEqual(lines('zones:\n  - { id: a, title: "open\n'), [
      [3, 'Not valid YAML: Missing closing "quote'],
      [3, 'Not valid YAML: Flow map in block collection must be sufficiently indented and end with a }'],
    ]);
  });

  it('refuses a file that is no mapping, a missing list and a list that is not one', () => {
    assert.deepEqual(lines('- just\n- a list\n'), [[1, 'The architecture must be a mapping with `zones`, `components`, `connections` and `flows`.']]);
    assert.deepEqual(lines('zones:\n  - { id: a, title: A }\ncomponents: none\nconnections: []\n'), [
      [3, '`components` must be a list.'],
      [1, 'Missing `flows:` list.'],
    ]);
    assert.deepEqual(read('zones: []\ncomponents: []\nconnections: []\nflows: []\n').problems, []);
  });

  it('names the missing or blank text fields of an entry, and takes the default column from the zone\'s place', () => {
    const yaml = BACKEND.replace('{ id: data, title: Data, column: 3 }', '{ id: data, title: "  " }')
      .replace('role: Hot reads. }', 'role: 42 }')
      .replace('{ from: api, to: db, label: SQL }', '{ from: api, to: db }');
    assert.deepEqual(lines(yaml), [
      [2, 'This zone needs `title` (text).'],
      [12, 'Component `db` is in zone `data`, which is not among the zones.'],
      [13, 'This component needs `role` (text).'],
      [20, 'This connection needs `label` (text).'],
      [21, 'This connection names `redis`, which is no component.'],
    ]);
    const { architecture } = read(BACKEND.replace('{ id: data, title: Data, column: 3 }', '{ id: data, title: Data }'));
    assert.equal(architecture.zones[0].column, 1, 'the first zone without a column is column 1');
  });

  it('takes columns 1 to 12, whole numbers only', () => {
    const zone = (column: string): Array<[number, string]> => lines(`zones:\n  - { id: z, title: Z, column: ${column} }\ncomponents: []\nconnections: []\nflows: []\n`);
    assert.deepEqual(zone('1'), []);
    assert.deepEqual(zone('12'), []);
    assert.deepEqual(zone('13'), [[2, 'Zone `z`: `column` must be a whole number from 1 to 12 (got 13).']]);
    assert.deepEqual(zone('0'), [[2, 'Zone `z`: `column` must be a whole number from 1 to 12 (got 0).']]);
    assert.deepEqual(zone('2.5'), [[2, 'Zone `z`: `column` must be a whole number from 1 to 12 (got 2.5).']]);
  });

  it('keeps the first of two components with one id, and a flow needs steps', () => {
    const yaml = BACKEND.replace('{ id: beat, label: Celery beat', '{ id: worker, label: Celery beat').replace(
      '  - id: read\n',
      '  - { id: nothing, title: No steps }\n  - { id: odd, title: Odd step, steps: [~, { from: web, to: api }] }\n  - { title: No id, steps: [{ from: web, to: api, label: GET }] }\n  - id: read\n',
    );
    const { architecture, problems } = read(yaml);
    assert.deepEqual(problems.map((p) => [p.line, p.message]), [
      [11, 'Duplicate component id `worker`.'],
      [18, 'This connection names `beat`, which is no component.'],
      [19, 'This connection names `beat`, which is no component.'],
      [24, 'Flow `nothing` needs a list of `steps` ({ from, to, label }).'],
      [25, 'This step of flow `odd` needs `from`, `to`, `label` (text).'],
      [25, 'This step of flow `odd` needs `label` (text).'],
      [26, 'This flow needs `id` (text).'],
    ]);
    assert.deepEqual(architecture.connections.filter((c) => c.from === 'beat' || c.to === 'beat'), [], 'a connection to no component is left out');
    assert.equal(architecture.components.find((c) => c.id === 'worker')?.label, 'Celery worker');
    assert.deepEqual(architecture.flows.map((f) => [f.id, f.steps.length]), [['odd', 0], ['read', 2]]);
  });
});

/**
 * The backend laid out. Built inside each test, never once for the file: Stryker switches its mutants on while
 * tests run, so what a test checks must be computed while it runs.
 */
function measured(): {
  architecture: Architecture;
  layout: MapLayout;
  part: (id: string) => PlacedPart;
  link: (from: string, to: string) => PlacedConnection;
} {
  const { architecture } = read(BACKEND);
  const layout = layoutMap(architecture);
  return {
    architecture,
    layout,
    part: (id) => layout.parts.find((p) => p.id === id) as PlacedPart,
    link: (from, to) => layout.connections.find((c) => c.from === from && c.to === to) as PlacedConnection,
  };
}

describe('the architecture map, measured', () => {

  it('estimates text widths by letter shape and wraps at the width, on any run of spaces', () => {
    assert.equal(textWidth('il', 10), 6.4);
    assert.equal(textWidth('W', 10), 9);
    assert.equal(textWidth('A', 10), 7);
    assert.equal(textWidth('a', 10), 5.8);
    assert.deepEqual(wrap('  Celery   worker ', 1000, 13), ['Celery worker']);
    const exact = textWidth('Celery worker', 13);
    assert.deepEqual(wrap('Celery worker', exact, 13), ['Celery worker']);
    assert.deepEqual(wrap('Celery worker', exact - 0.1, 13), ['Celery', 'worker']);
  });

  it('counts boxes that only touch as apart, unless a gap is asked for', () => {
    const a: Box = { x: 0, y: 0, width: 10, height: 10 };
    for (const b of [{ x: 10, y: 0 }, { x: -10, y: 0 }, { x: 0, y: 10 }, { x: 0, y: -10 }]) {
      assert.equal(overlaps(a, { ...b, width: 10, height: 10 }), false, JSON.stringify(b));
      assert.equal(overlaps(a, { ...b, width: 10, height: 10 }, 1), true, JSON.stringify(b));
      assert.equal(overlaps(a, { x: b.x / 2, y: b.y / 2, width: 10, height: 10 }), true, JSON.stringify(b));
    }
    assert.equal(overlaps(a, { x: 3, y: 3, width: 2, height: 2 }), true, 'inside');
    assert.equal(overlaps(a, { x: 0, y: 20, width: 10, height: 10 }), false, 'below');
  });

  it('puts columns left to right by number whatever their order in the file, and leaves out an empty zone', () => {
    const { layout } = measured();
    assert.deepEqual(layout.zones.map((z) => [z.id, z.x]), [
      ['client', MAP.margin],
      ['app', MAP.margin + MAP.zoneWidth + MAP.columnGap],
      ['data', MAP.margin + 2 * (MAP.zoneWidth + MAP.columnGap)],
    ]);
    const bottom = Math.max(...layout.zones.map((z) => z.y + z.height));
    assert.equal(layout.height, bottom + MAP.margin, 'the map ends a margin below its tallest column');
    assert.equal(layout.width, Math.max(...layout.zones.map((z) => z.x + z.width), ...layout.connections.flatMap((c) => c.curve.map((p) => Math.ceil(p.x)))) + MAP.margin);
    for (const zone of layout.zones) {
      const members = layout.parts.filter((p) => p.x === zone.x + MAP.zonePadding);
      assert.equal(members[0].y, zone.y + MAP.zoneTitleHeight, `${zone.id}: first part under the title`);
      const last = members.at(-1) as PlacedPart;
      assert.equal(zone.y + zone.height, last.y + last.height + MAP.zonePadding, `${zone.id}: a padding below the last part`);
    }
  });

  it('joins columns by their facing sides, neighbours in a column bottom to top, others around the right', () => {
    const { architecture, part, link } = measured();
    const starts = (c: PlacedConnection): [Box, Box] => [part(c.from), part(c.to)];
    const side = (point: { x: number; y: number }, box: Box): string =>
      point.x === box.x ? 'left' : point.x === box.x + box.width ? 'right' : point.y === box.y ? 'top' : point.y === box.y + box.height ? 'bottom' : 'inside';
    const sides = (from: string, to: string): string[] => {
      const c = link(from, to);
      const [a, b] = starts(c);
      return [side(c.curve[0], a), side(c.curve[3], b)];
    };
    assert.deepEqual(sides('web', 'api'), ['right', 'left']);
    assert.deepEqual(sides('redis', 'api'), ['left', 'right']);
    assert.deepEqual(sides('api', 'worker'), ['bottom', 'top']);
    assert.deepEqual(sides('beat', 'worker'), ['top', 'bottom']);
    assert.deepEqual(sides('api', 'beat'), ['right', 'right']);
    assert.equal(link('api', 'api'), undefined, 'a part joined to itself draws nothing');
    // Handles leave straight out of the side: half way to the next column, up or down a third of the drop, 36 around.
    const across = link('web', 'api').curve;
    const gap = across[3].x - across[0].x;
    assert.deepEqual([across[1].x - across[0].x, across[1].y - across[0].y], [gap / 2, 0]);
    assert.deepEqual([across[2].x - across[3].x, across[2].y - across[3].y], [-gap / 2, 0]);
    const back = link('redis', 'api').curve;
    assert.equal(back[1].x, back[0].x - (back[0].x - back[3].x) / 2, 'leftwards');
    const down = link('api', 'worker').curve;
    const drop = (down[3].y - down[0].y) / 3;
    const r = (values: number[]): number[] => values.map((v) => Math.round(v * 1000) / 1000);
    assert.deepEqual(r([down[1].x, down[1].y - down[0].y, down[2].y - down[3].y]), r([down[0].x, drop, -drop]));
    const up = link('beat', 'worker').curve;
    const rise = (up[0].y - up[3].y) / 3;
    assert.deepEqual(r([up[1].y - up[0].y, up[2].y - up[3].y]), r([-rise, rise]));
    const around = link('api', 'beat').curve;
    assert.deepEqual([around[1].x - around[0].x, around[2].x - around[3].x, around[1].y, around[2].y], [36, 36, around[0].y, around[3].y]);
    const far: Architecture = { ...architecture, connections: [{ from: 'web', to: 'db', label: 'direct' }, { from: 'web', to: 'ghost', label: 'none' }] };
    const [tall] = layoutMap({ ...far, components: architecture.components }).connections;
    assert.deepEqual([tall.curve[1].x - tall.curve[0].x, tall.curve[1].y], [MAP.columnGap, tall.curve[0].y], 'two columns away: no more than a gap');
    assert.equal(layoutMap(far).connections.length, 1, 'a connection to no part is left out');
  });

  it('fans the connections on one side out in the order of their other ends, labels centred on the curve', () => {
    const { layout, part, link } = measured();
    // Listed mobile first, drawn web first: ports follow where the other ends are, not the file.
    const api = part('api');
    const inbound = [link('web', 'api'), link('mobile', 'api')].map((c) => c.curve[3].y);
    assert.deepEqual(inbound, [Math.round(api.y + api.height * (0.2 + 0.6 / 3)), Math.round(api.y + api.height * (0.2 + 1.2 / 3))]);
    const worker = part('worker');
    assert.deepEqual([link('api', 'worker').curve[3], link('beat', 'worker').curve[3]], [
      { x: Math.round(worker.x + worker.width * 0.5), y: worker.y },
      { x: Math.round(worker.x + worker.width * 0.5), y: worker.y + worker.height },
    ]);
    const label = link('api', 'db').labelBox;
    assert.equal(label.width, Math.ceil(textWidth('SQL', MAP.edgeFont)) + 8);
    assert.equal(label.height, MAP.edgeLabelHeight);
    for (const c of layout.connections) {
      assert.ok(!layout.parts.some((p) => overlaps(c.labelBox, p, 2)), `${c.label} clear of the parts`);
    }
    const labels = layout.connections.map((c) => c.labelBox);
    labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => assert.ok(!overlaps(a, b, 4), JSON.stringify([a, b]))));
  });

  it('moves a label off the middle of its curve to the nearest free spot, trying either side', () => {
    const { architecture } = measured();
    // Two loops on one side of a column: the second label must step aside from the first, as little as it can.
    const twice: Architecture = { ...architecture, connections: [{ from: 'api', to: 'beat', label: 'config' }, { from: 'api', to: 'beat', label: 'reload' }] };
    const [first, second] = layoutMap(twice).connections;
    const middle = (box: Box): number => box.y + box.height / 2;
    const half = (c: PlacedConnection): number => (c.curve[0].y + c.curve[3].y) / 2;
    assert.ok(Math.abs(middle(first.labelBox) - half(first)) <= 1, 'the first sits in the middle');
    assert.ok(!overlaps(first.labelBox, second.labelBox, 4));
    assert.ok(middle(second.labelBox) !== half(second), 'the second moved');
    assert.ok(Math.abs(middle(second.labelBox) - half(second)) < 20, 'no further than it must');
  });
});

/** The backend's map drawn and parsed back, inside the test that reads it (see measured()). */
function drawn(): { layout: MapLayout; doc: Document; all: (test: (el: Element) => boolean) => Element[]; byClass: (name: string) => Element[] } {
  const layout = layoutMap(read(BACKEND).architecture);
  const doc = parseDocument(mapSvg(layout, 'Backend'), { xmlMode: true });
  const all = (test: (el: Element) => boolean): Element[] => DomUtils.filter((node) => node.type === 'tag' && test(node as Element), doc.children, true) as Element[];
  return { layout, doc, all, byClass: (name) => all((el) => el.attribs.class === name) };
}

describe('the architecture map as SVG', () => {
  const num = (el: Element, name: string): number => Number(el.attribs[name]);
  const childTags = (el: Element, name: string): Element[] => el.children.filter((c): c is Element => c.type === 'tag' && c.name === name);
  const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) <= 0.051, `${what}: ${a} ≉ ${b}`);

  it('is one svg element with both arrowheads, no stray text, and a minimum width where 12-unit text is 11 px', () => {
    const { layout, doc, all, byClass } = drawn();
    assert.equal(doc.children.length, 1);
    const root = doc.children[0] as Element;
    assert.equal(root.name, 'svg');
    assert.equal(root.attribs.style, `min-width: ${Math.ceil((layout.width * 11) / 12)}px`);
    assert.deepEqual(all((el) => el.name === 'marker').map((m) => [m.attribs.id, childTags(m, 'path')[0]?.attribs.d]), [
      ['nexus-map-arrow', 'M0 0L10 5L0 10z'],
      ['nexus-map-arrow-lit', 'M0 0L10 5L0 10z'],
    ]);
    const texts = all((el) => el.name === 'text' || el.name === 'tspan' || el.name === 'style').flatMap((el) => el.children.filter((c) => c.type === 'text'));
    const words = DomUtils.textContent(root).length - texts.reduce((sum, t) => sum + DomUtils.textContent(t).length, 0);
    assert.equal(words, 0, 'all text sits in <text>, <tspan> or <style>');
    assert.equal(byClass('nexus-part').length, layout.parts.length);
    assert.equal(byClass('nexus-link').length, layout.connections.length);
  });

  it('draws each zone as its box with its title inside, top left', () => {
    const { layout, byClass } = drawn();
    const zones = byClass('nexus-zone');
    assert.deepEqual(zones.map((z) => z.attribs['data-zone']), layout.zones.map((z) => z.id));
    zones.forEach((g, index) => {
      const zone = layout.zones[index];
      const [rect] = childTags(g, 'rect');
      const [title] = childTags(g, 'text');
      assert.deepEqual([num(rect, 'x'), num(rect, 'y'), num(rect, 'width'), num(rect, 'height')], [zone.x, zone.y, zone.width, zone.height]);
      assert.equal(DomUtils.textContent(title), zone.title);
      assert.deepEqual([num(title, 'x'), num(title, 'y')], [zone.x + MAP.zonePadding, zone.y + 18]);
    });
  });

  it('draws each part with its icon left, padded and centred, and its lines right of it, centred as a block', () => {
    const { layout, byClass } = drawn();
    for (const g of byClass('nexus-part')) {
      const placed = layout.parts.find((p) => p.id === g.attribs['data-component']) as PlacedPart;
      const [rect] = childTags(g, 'rect');
      assert.deepEqual([num(rect, 'x'), num(rect, 'y'), num(rect, 'width'), num(rect, 'height')], [placed.x, placed.y, placed.width, placed.height]);
      const [icon] = childTags(g, 'path');
      const [, iconX, iconY, scale] = /^translate\(([\d.]+) ([\d.]+)\) scale\(([\d.]+)\)$/.exec(icon.attribs.transform) ?? [];
      assert.equal(Number(scale) * 24, MAP.icon, 'icons are drawn on a 24-unit grid');
      assert.equal(Number(iconX), placed.x + MAP.partPadding);
      close(Number(iconY) + MAP.icon / 2, placed.y + placed.height / 2, `${placed.id} icon centred`);
      assert.ok(Number(iconY) >= placed.y + MAP.partPadding && Number(iconY) + MAP.icon <= placed.y + placed.height - MAP.partPadding, `${placed.id} icon padded`);
      const [text] = childTags(g, 'text');
      assert.equal(DomUtils.textContent(text), placed.lines.join(''), `${placed.id}: nothing but its lines`);
      const spans = childTags(text, 'tspan');
      assert.deepEqual(spans.map((s) => DomUtils.textContent(s)), placed.lines);
      const baselines = spans.map((s) => num(s, 'y'));
      spans.forEach((s) => assert.equal(num(s, 'x'), placed.x + 2 * MAP.partPadding + MAP.icon));
      baselines.slice(1).forEach((y, i) => close(y - baselines[i], MAP.lineHeight, `${placed.id} line spacing`));
      // Baselines sit 0.36 em below each line's centre; the block's centre is the part's.
      const centre = (baselines[0] + (baselines.at(-1) as number)) / 2 - MAP.labelFont * 0.36;
      close(centre, placed.y + placed.height / 2, `${placed.id} text centred`);
    }
    assert.ok(layout.parts.some((p) => p.lines.length > 1), 'some label wraps');
  });

  it('draws each connection along its curve, with its label centred in a box', () => {
    const { layout, byClass } = drawn();
    byClass('nexus-link').forEach((g, index) => {
      const c = layout.connections[index];
      assert.equal(g.attribs['data-edge'], `c_${c.from}>c_${c.to}`);
      const [path] = childTags(g, 'path');
      const numbers = (path.attribs.d.match(/-?[\d.]+/g) ?? []).map(Number);
      assert.match(path.attribs.d, /^M\S+ \S+ C\S+ \S+ \S+ \S+ \S+ \S+$/);
      c.curve.flatMap((p) => [p.x, p.y]).forEach((value, i) => close(numbers[i], value, `${c.label} curve`));
      const [rect] = childTags(g, 'rect');
      const [text] = childTags(g, 'text');
      assert.deepEqual([num(rect, 'x'), num(rect, 'y'), num(rect, 'width'), num(rect, 'height')], [c.labelBox.x, c.labelBox.y, c.labelBox.width, c.labelBox.height]);
      assert.equal(DomUtils.textContent(text), c.label);
      assert.equal(num(text, 'x'), c.labelBox.x + c.labelBox.width / 2);
      close(num(text, 'y') - MAP.edgeFont * 0.36, c.labelBox.y + c.labelBox.height / 2, `${c.label} label centred`);
    });
  });
});
