import type { Architecture } from '../../architecture/architectureModel';
import { nodeId } from '../../architecture/toMermaid';
import { isStudied, type Progress } from '../../progress';
import { fenced, type PortfolioSection } from './common';

/** Quoted mermaid text: `"` and `#` would end or escape the quote, so they become entity codes. */
function label(text: string): string {
  return `"${text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/\s+/g, ' ')}"`;
}

/**
 * Shapes from mermaid's classic flowchart syntax only (no `@{ shape: … }`, which came in mermaid 11.3), so the
 * diagram draws on GitHub as in Nexus. An unknown kind is a plain box.
 */
const SHAPES: Record<string, (text: string) => string> = {
  client: (text) => `([${text}])`,
  database: (text) => `[(${text})]`,
  cache: (text) => `[(${text})]`,
  storage: (text) => `[(${text})]`,
  broker: (text) => `[[${text}]]`,
  worker: (text) => `{{${text}}}`,
  ci: (text) => `[/${text}/]`,
};

/**
 * The reference system as a flowchart: a subgraph per zone, a node per component, an arrow per connection; the
 * parts whose topics the learner studied are filled. Top to bottom, because a README column is narrow: left to right
 * the 15 parts shrink to unreadable text. Colours are fixed (with their own text colour), so they
 * read on GitHub's light and dark themes alike.
 */
export function architectureFlowchart(architecture: Architecture, progress: Progress): string {
  const lines = ['flowchart TB'];
  for (const zone of architecture.zones) {
    const members = architecture.components.filter((component) => component.zone === zone.id);
    if (members.length > 0) {
      lines.push(`  subgraph z_${nodeId(zone.id).slice(2)}[${label(zone.title)}]`);
      for (const component of members) {
        lines.push(`    ${nodeId(component.id)}${(SHAPES[component.kind] ?? ((text: string) => `[${text}]`))(label(component.label))}`);
      }
      lines.push('  end');
    }
  }
  for (const connection of architecture.connections) {
    lines.push(`  ${nodeId(connection.from)} -->|${label(connection.label)}| ${nodeId(connection.to)}`);
  }
  const studied = architecture.components.filter((component) => isStudied(progress, component.topic)).map((component) => nodeId(component.id));
  if (studied.length > 0) {
    lines.push('  classDef studied fill:#b7e4c7,stroke:#1b7f46,stroke-width:2px,color:#0b2e1a');
    lines.push(`  class ${studied.join(',')} studied`);
  }
  return lines.join('\n');
}

export const architectureSection: PortfolioSection = {
  name: 'architecture',
  heading: '## Architecture',
  applies: (input) => input.architecture !== undefined && input.architecture.components.length > 0,
  render(input) {
    if (!input.architecture || input.architecture.components.length === 0) {
      return '_The architecture was not available at the last export._';
    }
    const { components } = input.architecture;
    const studied = components.filter((component) => isStudied(input.progress, component.topic)).length;
    return [
      `The system the programme builds. The parts whose topics I studied are filled (${studied} of ${components.length}).`,
      '',
      fenced('mermaid', architectureFlowchart(input.architecture, input.progress)),
    ].join('\n');
  },
};
