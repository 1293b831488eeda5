import type { Architecture, Flow } from './architectureModel';

/**
 * Node ids shared by the map and the sequence diagrams: letters, digits and underscores only, prefixed so no id is
 * a mermaid keyword (`end`).
 */
export function nodeId(componentId: string): string {
  return `c_${componentId.replace(/[^A-Za-z0-9]/g, '_')}`;
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
