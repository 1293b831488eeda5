import { oneLine } from '../markdownText';
import { escapeInline, type PortfolioSection } from './common';

/** The learner's takeaways, topic by topic in catalog order (topics no longer in the catalog last, by their heading). */
export const takeaways: PortfolioSection = {
  name: 'takeaways',
  heading: '## Best Practices & Takeaways',
  render(input) {
    const order = new Map([...input.catalog.categories.flatMap((category) => category.topics)].map((topic, index) => [topic.id, index]));
    const sections = [...input.takeaways].sort((a, b) => (order.get(a.topicId) ?? Infinity) - (order.get(b.topicId) ?? Infinity));
    if (sections.length === 0) {
      return '_No takeaways yet: right-click a topic in Nexus and choose Add Takeaway…_';
    }
    return sections
      .flatMap((section) => {
        const title = input.catalog.topics.get(section.topicId)?.title ?? section.title;
        return section.items.map((item) => `- **${escapeInline(title)}**: ${oneLine(item)}`);
      })
      .join('\n');
  },
};
