import { escapeHeadingText } from './sections/common';

/**
 * The learner's takeaways, as markdown they own: one file in their notes folder, one `##` section per topic whose
 * heading links the topic by id (`## [The ORM and N+1 queries](topic:orm-n-plus-one)`), one list item per takeaway.
 * The link is what ties a section to its topic, so the learner may retitle, reorder and rewrite freely.
 */
export const TAKEAWAYS_FILE = 'takeaways.md';

export interface Takeaways {
  topicId: string;
  /** The heading's words, used when the topic is no longer in the catalog. */
  title: string;
  items: string[];
}

const SECTION = /^##[ \t]+\[((?:\\.|[^\]\\])*)\]\(topic:([a-z0-9]+(?:-[a-z0-9]+)*)\)[ \t]*\r?$/;

export function parseTakeaways(text: string): Takeaways[] {
  const sections: Takeaways[] = [];
  let current: { section: Takeaways; lines: string[] } | undefined;
  const flush = (): void => {
    if (current) {
      current.section.items = itemsOf(current.lines);
      if (current.section.items.length > 0) {
        const same = sections.find((section) => section.topicId === current?.section.topicId);
        if (same) {
          same.items.push(...current.section.items);
        } else {
          sections.push(current.section);
        }
      }
    }
    current = undefined;
  };
  for (const line of text.split('\n')) {
    const heading = SECTION.exec(line);
    if (heading) {
      flush();
      current = { section: { topicId: heading[2], title: heading[1].replace(/\\(.)/g, '$1').trim(), items: [] }, lines: [] };
    } else if (/^#{1,2}[ \t]/.test(line)) {
      flush();
    } else if (current) {
      current.lines.push(line.replace(/\r$/, ''));
    }
  }
  flush();
  return sections;
}

/** List items, or each paragraph when the learner wrote prose instead of a list. */
function itemsOf(lines: string[]): string[] {
  const items: string[] = [];
  let current: string[] = [];
  const flush = (): void => {
    if (current.length > 0) {
      items.push(current.join(' ').trim());
    }
    current = [];
  };
  for (const line of lines) {
    const item = /^\s{0,3}[-*+][ \t]+(.*)$/.exec(line);
    if (item || line.trim() === '') {
      flush();
    }
    if (item) {
      current.push(item[1]);
    } else if (line.trim() !== '' && !line.trim().startsWith('<!--')) {
      current.push(line.trim());
    }
  }
  flush();
  return items.filter((item) => item !== '');
}

const HEADER = [
  '---',
  'title: My takeaways',
  'tags: [takeaways]',
  '---',
  '# My takeaways',
  '',
  'What I took away from each topic, in my own words. `Nexus: Add Takeaway…` adds to this file, and',
  '`Nexus: Export Portfolio…` copies it into Best Practices & Takeaways. Edit it freely: the link in each heading',
  'names the topic.',
  '',
];

/**
 * The file with one more takeaway: appended to the topic's section (created at the end when there is none).
 * Everything else in the file is kept exactly, line endings included.
 */
export function addTakeaway(text: string | undefined, topic: { id: string; title: string }, takeaway: string): string {
  const source = text ?? HEADER.join('\n');
  const eol = /\r\n/.test(source) ? '\r\n' : '\n';
  const item = `- ${takeaway.trim().replace(/\s*\r?\n\s*/g, ' ')}`;
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const start = lines.findIndex((line) => SECTION.exec(line)?.[2] === topic.id);
  if (start < 0) {
    while (lines.length > 0 && lines[lines.length - 1].trim() === '') {
      lines.pop();
    }
    lines.push('', `## [${escapeHeadingText(topic.title)}](topic:${topic.id})`, '', item, '');
  } else {
    let end = start + 1;
    while (end < lines.length && !/^#{1,2}[ \t]/.test(lines[end])) {
      end++;
    }
    // After the section's last non-blank line, so the blank lines before the next section stay where they are.
    let last = end - 1;
    while (last > start && lines[last].trim() === '') {
      last--;
    }
    lines.splice(last + 1, 0, ...(last === start ? ['', item] : [item]));
    if (lines[lines.length - 1] !== '') {
      lines.push('');
    }
  }
  return lines.join(eol);
}
