import { escapeInline, studiedByCategory, type PortfolioSection } from './common';

/** Per area studied: how many of its topics, and the products and versions those notes teach. */
export const technologies: PortfolioSection = {
  name: 'technologies',
  heading: '## Key Technologies Covered',
  render(input) {
    const groups = studiedByCategory(input);
    if (groups.length === 0) {
      return '_Nothing studied yet._';
    }
    const rows = groups.map(({ category, topics }) => {
      const versions = [...new Set(topics.flatMap((topic) => topic.versions))];
      return `| ${escapeInline(category.title)} | ${topics.length} of ${category.topics.length} | ${versions.length > 0 ? versions.map(escapeInline).join(', ') : '—'} |`;
    });
    return ['| Area | Topics studied | Technologies |', '| --- | --- | --- |', ...rows].join('\n');
  },
};
