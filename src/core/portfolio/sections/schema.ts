import { relativeLink } from '../relativeLink';
import { fenced, type PortfolioSection } from './common';

/** The learner's own data model, as `Nexus: Visualize Schema` draws it, naming the files it was read from. */
export const schema: PortfolioSection = {
  name: 'schema',
  heading: '## Data Model',
  applies: (input) => input.schema !== undefined,
  render(input) {
    if (!input.schema) {
      return '_No schema was found in the workspace at the last export._';
    }
    // Named, not linked: the files are the learner's code, which the Nexus preview only opens as notes.
    const files = input.schema.files.flatMap((file) => {
      const link = relativeLink(input.readme, file);
      return link ? [`\`${decodeURIComponent(link.replace(/^\.\//, ''))}\``] : [];
    });
    return [`My schema, drawn by Nexus${files.length > 0 ? ` from ${files.join(', ')}` : ''}.`, '', fenced('mermaid', input.schema.mermaid)].join('\n');
  },
};
