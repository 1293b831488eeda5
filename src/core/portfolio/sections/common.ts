import type { Architecture } from '../../architecture/architectureModel';
import type { Catalog, Category, Topic } from '../../model';
import { isStudied, type Progress } from '../../progress';
import type { Takeaways } from '../takeawayFile';

/** Everything a portfolio is made from. All of it is the learner's or the catalog's; nothing is read here. */
export interface PortfolioInput {
  catalog: Catalog;
  progress: Progress;
  /** URI of the README being written: links to the learner's notes are made relative to it. */
  readme: string;
  takeaways: Takeaways[];
  architecture?: Architecture;
  /** The learner's own schema, from the schema core's toMermaid, and the files it was read from (URIs). */
  schema?: { mermaid: string; files: string[] };
  /** Review cards per category, when the Review feature has state. */
  review?: Array<{ categoryId: string; cards: number; mastered: number }>;
}

/** One part of the README: a heading the learner may rename, and generated markdown between markers. */
export interface PortfolioSection {
  /** The marker name: lowercase words joined by hyphens. */
  name: string;
  /** The heading a fresh README gives it (outside the markers, so it is the learner's once written). */
  heading: string;
  /** Whether a fresh README has it at all; a section already in the README is always regenerated. */
  applies?(input: PortfolioInput): boolean;
  render(input: PortfolioInput): string;
}

/** The categories with at least one studied topic, each with only its studied topics, in catalog order. */
export function studiedByCategory(input: PortfolioInput): Array<{ category: Category; topics: Topic[] }> {
  return input.catalog.categories
    .map((category) => ({ category, topics: category.topics.filter((topic) => isStudied(input.progress, topic.id)) }))
    .filter((group) => group.topics.length > 0);
}

export function studiedTopics(input: PortfolioInput): Topic[] {
  return studiedByCategory(input).flatMap((group) => group.topics);
}

/** Text that cannot end or break a link label or a heading. */
export function escapeHeadingText(text: string): string {
  return text.replace(/[[\]\\]/g, (char) => `\\${char}`).replace(/\s+/g, ' ').trim();
}

/** Text safe inside `**…**` or a table: markdown specials that would change its meaning are escaped. */
export function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]|<>])/g, '\\$1').replace(/\s+/g, ' ').trim();
}

export function fenced(language: string, source: string): string {
  return ['```' + language, source.replace(/\s+$/, ''), '```'].join('\n');
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export type { Catalog };
