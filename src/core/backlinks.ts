import MarkdownIt from 'markdown-it';
import { classifyLink } from './markdown/links';
import type { Token } from './markdown/renderEnv';
import type { Topic } from './model';

/** Links sit in the children of inline tokens, which markdown-it always fills, and always carry an href. */
function linkHrefs(tokens: readonly Token[]): string[] {
  return tokens.flatMap((token) =>
    token.type === 'inline' ? linkHrefs(token.children as Token[]) : token.type === 'link_open' ? [String(token.attrGet('href'))] : [],
  );
}

/**
 * For each topic, the topics whose notes link to it, in catalog order and each once. Links are found the way the
 * renderer finds them (markdown links, by relative path, id or `topic:`), so a link inside a code block is not one.
 */
export function findBacklinks(topics: ReadonlyMap<string, Topic>, topicIdForFile: (uri: string) => string | undefined): Map<string, string[]> {
  // For finding links only, no Nexus rules: HTML as the renderer reads it (a link inside raw HTML is text). The
  // default link check drops only schemes (javascript:, file:, data:…) that classifyLink refuses anyway.
  const parser = new MarkdownIt({ html: true });
  const context = { topicIdForFile, hasTopic: (id: string) => topics.has(id) };
  const linkedFrom = new Map<string, string[]>();
  for (const topic of topics.values()) {
    const env = { file: topic.file, context, diagrams: [], problems: [], highlights: [], line: () => 0 };
    const targets = new Set<string>();
    for (const href of linkHrefs(parser.parse(topic.body, {}))) {
      const target = classifyLink(href, env);
      if (target.kind === 'topic' && target.id !== topic.id) {
        targets.add(target.id);
      }
    }
    for (const id of targets) {
      linkedFrom.set(id, [...(linkedFrom.get(id) ?? []), topic.id]);
    }
  }
  return linkedFrom;
}
