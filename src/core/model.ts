/** The study catalog as core sees it: plain data, no VS Code types. */

export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export type Level = (typeof LEVELS)[number];

/** Where a file came from: the notes bundled with Nexus, or a folder of the learner's own. */
export type SourceKind = 'bundled' | 'user';

export interface Topic {
  id: string;
  title: string;
  summary: string;
  order: number;
  level: Level;
  tags: string[];
  prerequisites: string[];
  related: string[];
  snippets: string[];
  /** What the note teaches, as product and version (`Django 5.2 LTS`), so claims that change between versions are pinned. */
  versions: string[];
  category: string;
  source: SourceKind;
  /** Path of the note, as the content reader names it. */
  file: string;
  /** The markdown after the front matter. */
  body: string;
  /** 1-based line of the file where `body` starts, so rendered errors can name file lines. */
  bodyLine: number;
  headings: string[];
  /** A problem the learner met, in their words (front matter `challenge:`), for the portfolio's Challenges & Solutions. */
  challenge?: string;
  /** How they solved it (front matter `solution:`). */
  solution?: string;
}

export interface Category {
  id: string;
  title: string;
  /** A codicon name, e.g. `database`. */
  icon: string;
  order: number;
  topics: Topic[];
}

export type Severity = 'error' | 'warning';

/** One thing wrong with the content: where it is, and what to do about it. */
export interface Problem {
  file: string;
  /** 1-based. */
  line: number;
  message: string;
  severity: Severity;
  source: SourceKind;
}

export interface Catalog {
  categories: Category[];
  topics: ReadonlyMap<string, Topic>;
  problems: Problem[];
}
