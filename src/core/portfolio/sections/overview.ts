import { plural, studiedByCategory, type PortfolioSection } from './common';

export const overview: PortfolioSection = {
  name: 'overview',
  heading: '## Overview',
  render(input) {
    const groups = studiedByCategory(input);
    const studied = groups.reduce((sum, group) => sum + group.topics.length, 0);
    if (studied === 0) {
      return '_No topics marked studied yet: tick topics in the Nexus Topics view, then export again._';
    }
    const total = input.catalog.topics.size;
    const areas = groups.map((group) => group.category.title);
    const challenges = input.catalog.categories.flatMap((c) => c.topics).filter((t) => t.challenge !== undefined || t.tags.includes('challenge')).length;
    const takeaways = input.takeaways.reduce((sum, t) => sum + t.items.length, 0);
    const own = [challenges > 0 ? plural(challenges, 'challenge') + ' I worked through' : '', takeaways > 0 ? plural(takeaways, 'takeaway') : ''].filter(Boolean);
    return [
      `A portfolio of the backend engineering I studied with Project Nexus: **${studied} of ${plural(total, 'topic')}** across ` +
        `${plural(areas.length, 'area')} — ${areas.join(', ')}.`,
      ...(own.length > 0 ? ['', `It records ${own.join(' and ')}, in my own words.`] : []),
    ].join('\n');
  },
};
