import type { ComponentKind } from './architectureModel';
import { MAP, type MapLayout, type PlacedPart } from './mapLayout';
import { nodeId } from './toMermaid';

/**
 * Icons by kind, our own line drawings on a 24-unit grid (codicon-like: 1.6-unit strokes, no fill), shipped as
 * path data in the bundle so the map needs no network and no icon font.
 */
export const KIND_ICONS: Record<ComponentKind, string> = {
  // A screen on its stand.
  client: 'M3 4.5h18v11H3z M12 15.5V20 M7.5 20h9',
  // One line fanning out to three servers.
  proxy: 'M3 12h6 M9 12l7-6.5 M9 12h7 M9 12l7 6.5 M16 4h5v3h-5z M16 10.5h5v3h-5z M16 17h5v3h-5z',
  // A window with code brackets.
  app: 'M3 4h18v16H3z M3 8.5h18 M10 11.5l-3 3 3 3 M14 11.5l3 3-3 3',
  // A cylinder.
  database: 'M5 6c0-1.4 3.1-2.5 7-2.5s7 1.1 7 2.5-3.1 2.5-7 2.5S5 7.4 5 6z M5 6v12c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5V6 M5 12c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5',
  // A lightning bolt: fast memory.
  cache: 'M13.5 2.5L5.5 13.5h6l-1 8 8-11h-6z',
  // Messages waiting in line.
  broker: 'M2.5 8h5v8h-5z M9.5 8h5v8h-5z M16.5 8h5v8h-5z M5 5h14 M5 19h14',
  // A cog.
  worker:
    'M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 1 0 0-7z M12 2.5v3 M12 18.5v3 M2.5 12h3 M18.5 12h3 M5.3 5.3l2.1 2.1 M16.6 16.6l2.1 2.1 M5.3 18.7l2.1-2.1 M16.6 7.4l2.1-2.1',
  // Arrows going round: build, test, deploy, again.
  ci: 'M19.5 12a7.5 7.5 0 0 1-13 5.1 M4.5 12a7.5 7.5 0 0 1 13-5.1 M17.5 3v4h-4 M6.5 21v-4h4',
  // A package.
  storage: 'M12 2.8l8 4.4v9.6l-8 4.4-8-4.4V7.2z M4 7.2l8 4.4 8-4.4 M12 11.6v9.6',
  // A laptop.
  dev: 'M5 5h14v10H5z M2.5 19h19l-2.5-4h-14z',
};

const KIND_COLORS: Record<ComponentKind, string> = {
  client: 'var(--vscode-charts-blue, #1a85ff)',
  proxy: 'var(--vscode-charts-purple, #b180d7)',
  app: 'var(--vscode-charts-green, #388a34)',
  database: 'var(--vscode-charts-blue, #1a85ff)',
  cache: 'var(--vscode-charts-red, #e51400)',
  broker: 'var(--vscode-charts-orange, #d18616)',
  worker: 'var(--vscode-charts-orange, #d18616)',
  ci: 'var(--vscode-charts-purple, #b180d7)',
  storage: 'var(--vscode-charts-yellow, #bf8803)',
  dev: 'var(--vscode-charts-green, #388a34)',
};

/**
 * Colours come from the theme's CSS variables, so one SVG serves light, dark and high contrast (where
 * `contrastBorder` exists and outlines everything), and a saved copy falls back to readable defaults.
 */
const STYLE = `
.nexus-map { font-family: var(--vscode-font-family, system-ui, sans-serif); }
.nexus-map .nexus-zone rect { fill: color-mix(in srgb, var(--vscode-foreground, #333) 5%, transparent); stroke: var(--vscode-contrastBorder, color-mix(in srgb, var(--vscode-foreground, #333) 35%, transparent)); stroke-width: 1; }
.nexus-map .nexus-zone text { fill: var(--vscode-foreground, #333); font-size: ${MAP.titleFont}px; font-weight: 600; }
.nexus-map .nexus-part > rect { fill: var(--vscode-editor-background, #fff); stroke: var(--vscode-contrastBorder, color-mix(in srgb, var(--vscode-foreground, #333) 45%, transparent)); stroke-width: 1.2; }
.nexus-map .nexus-part text { fill: var(--vscode-editor-foreground, #333); font-size: ${MAP.labelFont}px; }
.nexus-map .nexus-icon { fill: none; stroke-width: 1.6; stroke-linecap: round; stroke-linejoin: round; }
.nexus-map .nexus-link path { fill: none; stroke: var(--vscode-descriptionForeground, #717171); stroke-width: 1.3; marker-end: url(#nexus-map-arrow); }
.nexus-map .nexus-link rect { fill: var(--vscode-editor-background, #fff); }
.nexus-map .nexus-link text { fill: var(--vscode-descriptionForeground, #717171); font-size: ${MAP.edgeFont}px; }
.nexus-map #nexus-map-arrow path { fill: var(--vscode-descriptionForeground, #717171); }
.nexus-map #nexus-map-arrow-lit path { fill: var(--vscode-charts-orange, #d18616); }
.nexus-map .nexus-part { cursor: pointer; }
.nexus-map .nexus-part:focus { outline: none; }
.nexus-map .nexus-part:hover > rect, .nexus-map .nexus-part:focus > rect { stroke: var(--vscode-focusBorder, #0090f1); stroke-width: 2.5; }
.nexus-map.nexus-dimmed .nexus-part:not(.nexus-lit), .nexus-map.nexus-dimmed .nexus-link:not(.nexus-lit) { opacity: 0.35; }
.nexus-map .nexus-part.nexus-lit > rect { stroke: var(--vscode-charts-orange, #d18616); stroke-width: 2.5; }
.nexus-map .nexus-link.nexus-lit path { stroke: var(--vscode-charts-orange, #d18616); stroke-width: 3; marker-end: url(#nexus-map-arrow-lit); }
.nexus-map .nexus-link.nexus-lit text { fill: var(--vscode-editor-foreground, #333); font-weight: 600; }
`;

/** Text for SVG: escaped, so a label can never become markup. */
function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const round = (n: number): number => Math.round(n * 10) / 10;

function part(placed: PlacedPart): string {
  const iconX = placed.x + MAP.partPadding;
  const iconY = placed.y + (placed.height - MAP.icon) / 2;
  const textX = iconX + MAP.icon + MAP.partPadding;
  // The lines' block is centred on the part: the first baseline sits a little below its top line's centre.
  const firstBaseline = placed.y + placed.height / 2 - ((placed.lines.length - 1) * MAP.lineHeight) / 2 + MAP.labelFont * 0.36;
  const lines = placed.lines.map((line, index) => `<tspan x="${textX}" y="${round(firstBaseline + index * MAP.lineHeight)}">${escape(line)}</tspan>`).join('');
  return (
    `<g class="nexus-part" data-component="${escape(placed.id)}" data-node="${nodeId(placed.id)}" data-kind="${placed.kind}">` +
    `<rect x="${placed.x}" y="${placed.y}" width="${placed.width}" height="${placed.height}" rx="5"/>` +
    `<path class="nexus-icon" data-icon="${placed.kind}" d="${KIND_ICONS[placed.kind]}" stroke="${KIND_COLORS[placed.kind]}" transform="translate(${round(iconX)} ${round(iconY)}) scale(${MAP.icon / 24})"/>` +
    `<text>${lines}</text></g>`
  );
}

/**
 * The map as one self-contained SVG: zones, connections (labelled, arrowed), parts with their icons. Parts carry
 * `data-component`/`data-node` and connections `data-edge="<from node>><to node>"`, which is how the webview
 * makes parts clickable and lights a flow's path. Its natural width is its size at 1:1; it may shrink to fit a
 * panel but never below `minWidth`, where its smallest text is still 11 px.
 */
export function mapSvg(layout: MapLayout, title: string): string {
  const minWidth = Math.ceil((layout.width * 11) / Math.min(MAP.edgeFont, MAP.labelFont, MAP.titleFont));
  const zones = layout.zones
    .map(
      (zone) =>
        `<g class="nexus-zone" data-zone="${escape(zone.id)}"><rect x="${zone.x}" y="${zone.y}" width="${zone.width}" height="${zone.height}" rx="8"/>` +
        `<text x="${zone.x + MAP.zonePadding}" y="${zone.y + 18}">${escape(zone.title)}</text></g>`,
    )
    .join('');
  const links = layout.connections
    .map((link) => {
      const [a, b, c, d] = link.curve.map((point) => `${round(point.x)} ${round(point.y)}`);
      const box = link.labelBox;
      return (
        `<g class="nexus-link" data-edge="${nodeId(link.from)}>${nodeId(link.to)}"><path d="M${a} C${b} ${c} ${d}"/>` +
        `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="3"/>` +
        `<text x="${box.x + box.width / 2}" y="${round(box.y + box.height / 2 + MAP.edgeFont * 0.36)}" text-anchor="middle">${escape(link.label)}</text></g>`
      );
    })
    .join('');
  const arrow = (id: string): string =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0L10 5L0 10z"/></marker>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="nexus-map" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" ` +
    `style="min-width: ${minWidth}px" role="group" aria-label="${escape(title)}">` +
    `<style>${STYLE}</style><defs>${arrow('nexus-map-arrow')}${arrow('nexus-map-arrow-lit')}</defs>` +
    `${zones}<g class="nexus-links">${links}</g>${layout.parts.map(part).join('')}</svg>`
  );
}
