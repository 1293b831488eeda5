import type { Topic } from '../../model';
import { tableCell, textUnderHeading } from '../markdownText';
import { relativeLink } from '../relativeLink';
import { escapeHeadingText, type PortfolioSection } from './common';

export interface Challenge {
  topic: Topic;
  challenge: string;
  solution: string;
}

/**
 * A note is a challenge when it is tagged `challenge` or says `challenge:` in its front matter. Its words come
 * from the front matter first, else from its `## Challenge` and `## Solution` sections; a tagged note with
 * neither is the challenge its title names.
 */
export function challengeOf(topic: Topic): Challenge | undefined {
  if (topic.challenge === undefined && !topic.tags.includes('challenge')) {
    return undefined;
  }
  const challenge = topic.challenge ?? textUnderHeading(topic.body, /^challenges?$/i) ?? topic.title;
  const solution = topic.solution ?? textUnderHeading(topic.body, /^solutions?$/i) ?? '';
  return { topic, challenge, solution };
}

export const challenges: PortfolioSection = {
  name: 'challenges',
  heading: '## Challenges & Solutions',
  render(input) {
    const found = input.catalog.categories.flatMap((category) => category.topics.flatMap((topic) => challengeOf(topic) ?? []));
    if (found.length === 0) {
      return '_No challenges recorded yet: tag a note of yours `challenge` and give it `## Challenge` and `## Solution` sections._';
    }
    const rows = found.map(({ topic, challenge, solution }) => {
      // Only the learner's own notes are linked: they sit beside the README; bundled notes do not.
      const link = topic.source === 'user' ? relativeLink(input.readme, topic.file) : undefined;
      const title = escapeHeadingText(topic.title).replace(/\|/g, '\\|');
      return `| ${tableCell(challenge)} | ${tableCell(solution)} | ${link ? `[${title}](${link})` : title} |`;
    });
    return ['| Challenge | Solution | Notes |', '| --- | --- | --- |', ...rows].join('\n');
  },
};
