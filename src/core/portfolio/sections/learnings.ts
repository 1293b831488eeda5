import type { Topic } from '../../model';
import { listItems, oneLine, textUnderHeading } from '../markdownText';
import { escapeInline, studiedByCategory, type PortfolioSection } from './common';

/** What a topic taught, in one line: its first learning goal as a skill, else its summary. */
export function learningLine(topic: Topic): string {
  const goals = listItems(textUnderHeading(topic.body, /^learning goals$/i) ?? '');
  const goal = goals[0] && oneLine(goals[0]).replace(/^(?:you will be able to|you can|be able to)\s+/i, '');
  const what = goal || oneLine(topic.summary);
  const line = `**${escapeInline(topic.title)}**`;
  return what ? `${line}: ${what.replace(/\.?$/, '.')}` : line;
}

/** One line per studied topic, grouped by area; nothing links anywhere (a bundled note's path means nothing on GitHub). */
export const learnings: PortfolioSection = {
  name: 'learnings',
  heading: '## Major Learnings & Concepts',
  render(input) {
    const groups = studiedByCategory(input);
    if (groups.length === 0) {
      return '_Nothing studied yet._';
    }
    return groups.map(({ category, topics }) => [`### ${escapeInline(category.title)}`, '', ...topics.map((topic) => `- ${learningLine(topic)}`)].join('\n')).join('\n\n');
  },
};
