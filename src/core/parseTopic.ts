import { extractHeadings, firstTitle, splitFrontMatter } from './frontMatter';
import { LEVELS, type Level, type Problem, type SourceKind, type Topic } from './model';
import { closest, readYamlFields, type YamlFields } from './yamlFields';

export const TOPIC_KEYS = ['id', 'title', 'summary', 'order', 'level', 'tags', 'prerequisites', 'related', 'snippets', 'versions', 'challenge', 'solution'] as const;
const REQUIRED_KEYS = ['id', 'title', 'summary', 'order', 'level'] as const;
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DEFAULT_ORDER = 1000;

export interface ParsedTopic {
  topic: Topic;
  problems: Problem[];
  /** File lines of the front matter keys, for problems found later across the catalog. */
  keyLines: ReadonlyMap<string, number>;
  /** The line to blame for the topic as a whole (its `id`, or the top of the file). */
  idLine: number;
  /** The id came from the file name, not from `id:`, so the catalog may change it to keep ids unique. */
  implicitId: boolean;
}

/** A slug from a file name: `Orm N+1.md` → `orm-n-1`. */
export function slugFromFile(file: string): string {
  const name = decodeURIComponent(file.split('/').pop() ?? file).replace(/\.md$/i, '');
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'untitled';
}

/**
 * Reads one note. It never throws and always yields a topic, with fallbacks for whatever is broken, so a bad
 * file is still listed with its problems named instead of hiding anything.
 */
export function parseTopic(file: string, text: string, category: string, source: SourceKind): ParsedTopic {
  const problems: Problem[] = [];
  const problem = (line: number, message: string, severity: Problem['severity'] = 'error'): void => {
    problems.push({ file, line, message, severity, source });
  };
  const split = splitFrontMatter(text);
  const slug = slugFromFile(file);
  const fallbackTitle = firstTitle(split.body) ?? slug;
  let fields: YamlFields | undefined;

  if (split.unclosed) {
    problem(1, 'Front matter starts with `---` but never ends: add a closing `---` line after the YAML.');
  } else if (split.yaml === undefined) {
    // A learner's plain markdown is a note as it stands; only bundled notes must carry the full front matter.
    if (source === 'bundled') {
      problem(1, `No front matter: start the file with \`---\`, then \`id: ${slug}\` and \`title: …\`, then \`---\`. Listed as "${fallbackTitle}" until then.`, 'warning');
    }
  } else {
    fields = readYamlFields(split.yaml, split.yamlLine);
    for (const error of fields.errors) {
      problem(error.line, `Front matter is not valid YAML: ${error.message}. Fix the YAML between the \`---\` lines.`);
    }
    if (!fields.isMapping) {
      problem(split.yamlLine, 'Front matter must be `key: value` lines (a YAML mapping).');
    }
  }

  const hasFrontMatter = fields !== undefined && fields.errors.length === 0 && fields.isMapping;
  const lines = fields?.lines ?? new Map<string, number>();
  const lineOf = (key: string): number => lines.get(key) ?? 1;
  const values = fields?.values ?? new Map<string, unknown>();

  if (hasFrontMatter) {
    for (const key of values.keys()) {
      if (!(TOPIC_KEYS as readonly string[]).includes(key)) {
        const hint = closest(key, TOPIC_KEYS);
        problem(lineOf(key), `Unknown key \`${key}\`${hint ? `: did you mean \`${hint}\`?` : `. Known keys: ${TOPIC_KEYS.join(', ')}.`}`);
      }
    }
    for (const key of source === 'bundled' ? REQUIRED_KEYS : []) {
      if (!values.has(key)) {
        problem(1, `Missing \`${key}\`: add \`${key}: ${exampleFor(key, slug)}\` to the front matter.`);
      }
    }
  }

  const text_ = (key: string, fallback: string): string => {
    const value = values.get(key);
    if (value === undefined) {
      return fallback;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      problem(lineOf(key), `\`${key}\` must be text, e.g. \`${key}: ${exampleFor(key, slug)}\` (got ${describe(value)}).`);
      return fallback;
    }
    return value.trim();
  };

  let id = text_('id', slug);
  if (values.has('id') && !ID_PATTERN.test(id)) {
    problem(lineOf('id'), `\`id\` must be lowercase words joined by hyphens, e.g. \`${slug}\` (got "${id}").`);
    id = slug;
  }
  const title = text_('title', fallbackTitle);
  const summary = text_('summary', '');

  let order = DEFAULT_ORDER;
  if (values.has('order')) {
    const value = values.get('order');
    if (Number.isFinite(value)) {
      order = value as number;
    } else {
      problem(lineOf('order'), `\`order\` must be a number, e.g. \`order: 3\` (got ${describe(value)}).`);
    }
  }

  let level: Level = 'beginner';
  if (values.has('level')) {
    const value = values.get('level');
    if ((LEVELS as readonly unknown[]).includes(value)) {
      level = value as Level;
    } else {
      problem(lineOf('level'), `\`level\` must be one of ${LEVELS.join(', ')} (got ${describe(value)}).`);
    }
  }

  const list = (key: string, what: string): string[] => {
    if (!values.has(key)) {
      return [];
    }
    const value = values.get(key);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      return value as string[];
    }
    problem(lineOf(key), `\`${key}\` must be a list of ${what}, e.g. \`${key}: [${exampleFor(key, slug)}]\` (got ${describe(value)}).`);
    return [];
  };

  const topic: Topic = {
    id,
    title,
    summary,
    order,
    level,
    tags: list('tags', 'words'),
    prerequisites: list('prerequisites', 'topic ids'),
    related: list('related', 'topic ids'),
    snippets: list('snippets', 'snippet names'),
    versions: list('versions', 'the versions the note teaches'),
    category,
    source,
    file,
    body: split.body,
    bodyLine: split.bodyLine,
    headings: extractHeadings(split.body),
  };
  for (const key of ['challenge', 'solution'] as const) {
    const value = values.has(key) ? text_(key, '') : '';
    if (value !== '') {
      topic[key] = value;
    }
  }
  return { topic, problems, keyLines: lines, idLine: lineOf('id'), implicitId: !values.has('id') };
}

function exampleFor(key: string, slug: string): string {
  switch (key) {
    case 'id':
      return slug;
    case 'title':
      return 'A title';
    case 'summary':
      return 'One sentence on what this note teaches.';
    case 'order':
      return '1';
    case 'level':
      return 'beginner';
    case 'tags':
      return 'orm, performance';
    case 'snippets':
      return 'drf-model-viewset';
    case 'versions':
      return 'Django 5.2 LTS, DRF 3.16';
    case 'challenge':
      return 'N+1 queries on the article list';
    case 'solution':
      return 'select_related and prefetch_related';
    default:
      return 'other-topic-id';
  }
}

function describe(value: unknown): string {
  if (value === null) {
    return 'nothing';
  }
  if (Array.isArray(value)) {
    return `a list [${value.map(String).join(', ')}]`;
  }
  if (typeof value === 'object') {
    return 'a mapping';
  }
  // Strings quoted; numbers as read, so `order: .inf` shows Infinity where JSON would say null.
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
