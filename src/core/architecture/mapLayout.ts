import type { Architecture, ComponentKind } from './architectureModel';

/**
 * The architecture map laid out in SVG user units, deterministic from the yaml: zones in their columns, parts
 * stacked in file order inside them, connections as curves between the parts' sides. Sizes are chosen so the map
 * is about as wide as a 1,000-px panel's content, which shows it at (nearly) 1:1 and keeps every text ≥ 11 px.
 */
export const MAP = {
  margin: 12,
  zoneWidth: 180,
  /** Between zone columns: room for the connection labels. */
  columnGap: 66,
  zonePadding: 10,
  zoneTitleHeight: 26,
  zoneGap: 18,
  /** Between parts of a zone: room for a connection's arrow and label straight down. */
  partGap: 26,
  partPadding: 8,
  icon: 20,
  labelFont: 13,
  lineHeight: 16,
  titleFont: 13,
  edgeFont: 12,
  edgeLabelHeight: 16,
} as const;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface PlacedZone extends Box {
  id: string;
  title: string;
}

export interface PlacedPart extends Box {
  id: string;
  kind: ComponentKind;
  /** The label wrapped to the part's width. */
  lines: string[];
}

export interface PlacedConnection {
  from: string;
  to: string;
  label: string;
  /** A cubic Bézier from the `from` part's side to the `to` part's side. */
  curve: [Point, Point, Point, Point];
  labelBox: Box;
}

export interface MapLayout {
  width: number;
  height: number;
  zones: PlacedZone[];
  parts: PlacedPart[];
  connections: PlacedConnection[];
}

/**
 * A text's width, estimated without a browser: generous per-character widths of a UI sans-serif, so a label is
 * never wider than the room given to it (the e2e test measures the real text inside its box).
 */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) {
    ems += /[il|.,:;'!()[\]/ ]/.test(char) ? 0.32 : /[mwMW@%]/.test(char) ? 0.9 : /[A-Z0-9&+#]/.test(char) ? 0.7 : 0.58;
  }
  return ems * fontSize;
}

/** Greedy word wrap into lines no wider than `width`; a single word longer than that keeps its own line. */
export function wrap(text: string, width: number, fontSize: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && textWidth(`${last} ${word}`, fontSize) <= width) {
      lines[lines.length - 1] = `${last} ${word}`;
    } else {
      lines.push(word);
    }
  }
  return lines;
}

const PART_WIDTH = MAP.zoneWidth - 2 * MAP.zonePadding;
const TEXT_WIDTH = PART_WIDTH - 3 * MAP.partPadding - MAP.icon;

export function layoutMap(architecture: Architecture): MapLayout {
  const zones: PlacedZone[] = [];
  const parts: PlacedPart[] = [];
  const columns = [...new Set(architecture.zones.map((zone) => zone.column))].sort((a, b) => a - b);
  let height = 0;
  for (const [index, column] of columns.entries()) {
    const x = MAP.margin + index * (MAP.zoneWidth + MAP.columnGap);
    let y = MAP.margin;
    for (const zone of architecture.zones.filter((z) => z.column === column)) {
      const members = architecture.components.filter((component) => component.zone === zone.id);
      // A zone with no parts (all left out for problems, say) takes no room.
      if (members.length === 0) {
        continue;
      }
      let partY = y + MAP.zoneTitleHeight;
      for (const component of members) {
        const lines = wrap(component.label, TEXT_WIDTH, MAP.labelFont);
        const partHeight = Math.max(MAP.icon, lines.length * MAP.lineHeight) + 2 * MAP.partPadding + 4;
        parts.push({ id: component.id, kind: component.kind, lines, x: x + MAP.zonePadding, y: partY, width: PART_WIDTH, height: partHeight });
        partY += partHeight + MAP.partGap;
      }
      const zoneHeight = partY - y - MAP.partGap + MAP.zonePadding;
      zones.push({ id: zone.id, title: zone.title, x, y, width: MAP.zoneWidth, height: zoneHeight });
      y += zoneHeight + MAP.zoneGap;
    }
    height = Math.max(height, y - MAP.zoneGap + MAP.margin);
  }
  const connections = routeConnections(architecture, parts);
  // A loop around the right of the last column reaches past its zones: the curve stays inside its handles.
  const right = Math.max(...zones.map((zone) => zone.x + zone.width), ...connections.flatMap((link) => link.curve.map((point) => point.x)));
  return { width: Math.ceil(right) + MAP.margin, height, zones, parts, connections };
}

type Side = 'left' | 'right' | 'top' | 'bottom';

interface Route {
  from: PlacedPart;
  to: PlacedPart;
  fromSide: Side;
  toSide: Side;
  label: string;
}

/**
 * Which sides each connection leaves and enters by: between columns, the facing sides; in one column, bottom to
 * top when the parts are next to each other, else out of the right sides and around (nothing stands in between).
 */
function routeConnections(architecture: Architecture, parts: PlacedPart[]): PlacedConnection[] {
  const byId = new Map(parts.map((part) => [part.id, part]));
  const routes: Route[] = [];
  for (const connection of architecture.connections) {
    const from = byId.get(connection.from);
    const to = byId.get(connection.to);
    if (!from || !to || from === to) {
      continue;
    }
    let fromSide: Side;
    let toSide: Side;
    if (from.x !== to.x) {
      [fromSide, toSide] = from.x < to.x ? ['right', 'left'] : ['left', 'right'];
    } else if (neighbours(parts, from, to)) {
      [fromSide, toSide] = from.y < to.y ? ['bottom', 'top'] : ['top', 'bottom'];
    } else {
      [fromSide, toSide] = ['right', 'right'];
    }
    routes.push({ from, to, fromSide, toSide, label: connection.label });
  }
  const ports = portsBySide(routes);
  const placedLabels: Box[] = [];
  return routes.map((route, index) => {
    const start = ports.get(`${index}:from`) as Point;
    const end = ports.get(`${index}:to`) as Point;
    const curve: [Point, Point, Point, Point] = [start, handle(start, route.fromSide, end), handle(end, route.toSide, start), end];
    const labelBox = placeLabel(curve, route.label, parts, placedLabels);
    placedLabels.push(labelBox);
    return { from: route.from.id, to: route.to.id, label: route.label, curve, labelBox };
  });
}

/** True when no part of the same column sits between the two. */
function neighbours(parts: PlacedPart[], a: PlacedPart, b: PlacedPart): boolean {
  const [top, bottom] = a.y < b.y ? [a, b] : [b, a];
  return !parts.some((part) => part.x === a.x && part.y > top.y && part.y < bottom.y);
}

/**
 * Where each connection meets each part: the connections on one side of a part are spread along it, ordered by
 * where their other end lies, so lines leave a part fanned out instead of from one point.
 */
function portsBySide(routes: Route[]): Map<string, Point> {
  const groups = new Map<string, Array<{ key: string; part: PlacedPart; side: Side; other: PlacedPart }>>();
  routes.forEach((route, index) => {
    for (const [end, part, side, other] of [
      ['from', route.from, route.fromSide, route.to],
      ['to', route.to, route.toSide, route.from],
    ] as const) {
      const group = `${part.id}:${side}`;
      groups.set(group, [...(groups.get(group) ?? []), { key: `${index}:${end}`, part, side, other }]);
    }
  });
  const ports = new Map<string, Point>();
  for (const members of groups.values()) {
    const vertical = members[0].side === 'left' || members[0].side === 'right';
    members.sort((a, b) => (vertical ? a.other.y - b.other.y || a.other.x - b.other.x : a.other.x - b.other.x || a.other.y - b.other.y));
    members.forEach(({ key, part, side }, index) => {
      const share = (index + 1) / (members.length + 1);
      ports.set(
        key,
        side === 'left' || side === 'right'
          ? { x: side === 'left' ? part.x : part.x + part.width, y: Math.round(part.y + part.height * (0.2 + 0.6 * share)) }
          : { x: Math.round(part.x + part.width * (0.2 + 0.6 * share)), y: side === 'top' ? part.y : part.y + part.height },
      );
    });
  }
  return ports;
}

/**
 * The Bézier handle at one end: straight out of its side, half the way to a neighbouring column; across further
 * columns no more than a gap, so the curve runs nearly straight over the columns between, clear of their parts.
 * A loop around bulges a fixed amount.
 */
function handle(point: Point, side: Side, other: Point): Point {
  const reach = other.x === point.x ? 36 : Math.max(24, Math.min(Math.abs(other.x - point.x) / 2, MAP.columnGap));
  const vertical = Math.max(8, Math.abs(other.y - point.y) / 3);
  switch (side) {
    case 'left':
      return { x: point.x - reach, y: point.y };
    case 'right':
      return { x: point.x + reach, y: point.y };
    case 'top':
      return { x: point.x, y: point.y - vertical };
    default:
      return { x: point.x, y: point.y + vertical };
  }
}

export function pointOnCurve([p0, p1, p2, p3]: [Point, Point, Point, Point], t: number): Point {
  const u = 1 - t;
  const [a, b, c, d] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
  return { x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y };
}

export function overlaps(a: Box, b: Box, gap = 0): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/** The label on its curve, at the first spot from the middle outwards that covers no part and no other label. */
function placeLabel(curve: [Point, Point, Point, Point], label: string, parts: PlacedPart[], labels: Box[]): Box {
  const width = Math.ceil(textWidth(label, MAP.edgeFont)) + 8;
  const at = (t: number): Box => {
    const point = pointOnCurve(curve, t);
    return { x: Math.round(point.x - width / 2), y: Math.round(point.y - MAP.edgeLabelHeight / 2), width, height: MAP.edgeLabelHeight };
  };
  const spots = Array.from({ length: 41 }, (_, index) => 0.5 + (index % 2 === 0 ? 1 : -1) * Math.ceil(index / 2) * 0.02);
  for (const t of spots) {
    const box = at(t);
    if (!parts.some((part) => overlaps(box, part, 2)) && !labels.some((other) => overlaps(box, other, 4))) {
      return box;
    }
  }
  return at(0.5);
}
