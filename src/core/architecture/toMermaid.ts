import type { Architecture, Component, Flow } from './architectureModel';

/** Mermaid node ids: letters, digits and underscores only, prefixed so no id is a mermaid keyword (`end`). */
export function nodeId(componentId: string): string {
  return `c_${componentId.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** Quoted mermaid text; `"` and `#` would end or escape the quote, so they become entity codes. */
function label(text: string): string {
  return `"${text.replace(/#/g, '#35;').replace(/"/g, '#quot;')}"`;
}

const SHAPES: Record<Component['kind'], (text: string) => string> = {
  client: (text) => `([${text}])`,
  proxy: (text) => `[${text}]`,
  service: (text) => `[${text}]`,
  database: (text) => `[(${text})]`,
  cache: (text) => `[(${text})]`,
  queue: (text) => `[[${text}]]`,
  worker: (text) => `{{${text}}}`,
  pipeline: (text) => `>${text}]`,
  storage: (text) => `[/${text}/]`,
};

/**
 * The whole system as a flowchart: one subgraph per zone, each component shaped by its kind, each connection
 * a labelled arrow. The SVG mermaid draws keeps `nodeId` in node ids and `L_<from>_<to>_<n>` in edge ids, which
 * is how the webview finds the parts to make clickable and to highlight.
 */
export function architectureFlowchart(architecture: Architecture): string {
  const lines = ['flowchart LR'];
  for (const zone of architecture.zones) {
    const members = architecture.components.filter((component) => component.zone === zone.id);
    if (members.length === 0) {
      continue;
    }
    lines.push(`  subgraph z_${nodeId(zone.id).slice(2)}[${label(zone.title)}]`);
    for (const component of members) {
      lines.push(`    ${nodeId(component.id)}${SHAPES[component.kind](label(component.label))}`);
    }
    lines.push('  end');
  }
  for (const connection of architecture.connections) {
    lines.push(`  ${nodeId(connection.from)} -->|${label(connection.label)}| ${nodeId(connection.to)}`);
  }
  return lines.join('\n');
}

/** A flow as a sequence diagram: its components as participants in order of appearance, one message per step. */
export function flowSequence(architecture: Architecture, flow: Flow): string {
  const byId = new Map(architecture.components.map((component) => [component.id, component]));
  const lines = ['sequenceDiagram', '  autonumber'];
  const seen = new Set<string>();
  for (const step of flow.steps) {
    for (const id of [step.from, step.to]) {
      if (!seen.has(id)) {
        seen.add(id);
        lines.push(`  participant ${nodeId(id)} as ${sequenceText(byId.get(id)?.label ?? id)}`);
      }
    }
  }
  for (const step of flow.steps) {
    lines.push(`  ${nodeId(step.from)}->>${nodeId(step.to)}: ${sequenceText(step.label)}`);
  }
  return lines.join('\n');
}

/** Sequence diagram text ends at a line break or `;`, and `#` starts an entity: keep them out. */
function sequenceText(text: string): string {
  return text.replace(/[\n;]/g, ' ').replace(/#/g, '#35;');
}

/**
 * The edges a flow lights up, in order: for each step, the connection between its two components in either
 * direction (a reply travels back along the request's arrow), or none when they are not connected directly.
 */
export function flowEdges(architecture: Architecture, flow: Flow): Array<{ from: string; to: string } | undefined> {
  return flow.steps.map((step) => {
    const connection = architecture.connections.find(
      (c) => (c.from === step.from && c.to === step.to) || (c.from === step.to && c.to === step.from),
    );
    return connection && { from: nodeId(connection.from), to: nodeId(connection.to) };
  });
}
