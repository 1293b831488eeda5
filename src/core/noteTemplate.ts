import { slugFromFile } from './parseTopic';

/**
 * A new note of the learner's own, shaped like the bundled ones so it renders, links and reviews the same way:
 * front matter with its id and title, the sections every note has, and a diagram to start from.
 */
export function noteTemplate(title: string): { id: string; text: string } {
  const id = slugFromFile(`${title}.md`);
  const quoted = JSON.stringify(title.trim());
  // Lines, not one template literal: the bundle stays free of source-like indented lines, and each line reads alone.
  const text = [
    '---',
    `id: ${id}`,
    `title: ${quoted}`,
    'tags: []',
    '---',
    `# ${title.trim()}`,
    '',
    '## Learning goals',
    '',
    '- You will be able to …',
    '',
    '## The idea',
    '',
    'Write the idea in your own words first, then check it against the docs.',
    '',
    '```mermaid',
    'flowchart LR',
    '  Client -->|request| API',
    '  API -->|query| Database',
    '```',
    '',
    '## Self-check',
    '',
    '<details>',
    '<summary>A question you want to be able to answer</summary>',
    '',
    'The answer, in a sentence or two.',
    '',
    '</details>',
    '',
  ].join('\n');
  return { id, text };
}
