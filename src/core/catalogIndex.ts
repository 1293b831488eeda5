import { LEVELS, type Problem, type Topic } from './model';
import type { ParsedTopic } from './parseTopic';

/**
 * What a load parsed, per note file, kept between loads so that an unchanged note is not read and parsed again.
 * An entry stands only for the exact file it was made from: same path, size and modification time.
 */
export type CatalogIndex = ReadonlyMap<string, IndexEntry>;

/** A file's size in bytes and modification time in milliseconds, as the content reader's `stat` gives them. */
export interface FileStamp {
  size: number;
  mtime: number;
}

export interface IndexEntry extends FileStamp {
  parsed: ParsedTopic;
}

/** Bumped whenever the stored shape or what parseTopic yields changes, so older caches are ignored. */
export const INDEX_FORMAT = 1;

/**
 * A file modified this close before a load is not trusted to the index: a file system with coarse timestamps
 * (1 s on ext3 and many network shares, 2 s on FAT) could give a second same-size edit the same mtime.
 */
export const RACY_WINDOW_MS = 2000;

/** Whether `stamp` may stand for the file's contents in later loads, given when this load started. */
export function isSettled(stamp: FileStamp, loadStartedAt: number): boolean {
  return stamp.mtime < loadStartedAt - RACY_WINDOW_MS;
}

interface Stored {
  format: number;
  /** Who parsed the entries (the extension's version): a different parser may read the same file differently. */
  parser: string;
  entries: Array<[string, StoredEntry]>;
}

interface StoredEntry extends FileStamp {
  /** keyLines as one object, not pairs: an object per note instead of one per key makes the index quicker to parse. */
  parsed: Omit<ParsedTopic, 'keyLines'> & { keyLines: Record<string, number> };
}

export function serializeIndex(index: CatalogIndex, parser: string): string {
  const stored: Stored = {
    format: INDEX_FORMAT,
    parser,
    entries: [...index].map(([file, { size, mtime, parsed }]) => [file, { size, mtime, parsed: { ...parsed, keyLines: Object.fromEntries(parsed.keyLines) } }]),
  };
  return JSON.stringify(stored);
}

/**
 * The index in `text`, or an empty one when the text is not an index of this format written by this parser:
 * a cache that cannot be used costs a full parse, never an error. Entries that are not whole are left out.
 */
export function deserializeIndex(text: string, parser: string): CatalogIndex {
  const index = new Map<string, IndexEntry>();
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return index;
  }
  if (!isRecord(stored) || stored.format !== INDEX_FORMAT || stored.parser !== parser || !Array.isArray(stored.entries)) {
    return index;
  }
  for (const item of stored.entries as unknown[]) {
    if (!Array.isArray(item) || typeof item[0] !== 'string') {
      continue;
    }
    const [file, entry] = item as [string, unknown];
    const parsed = isRecord(entry) && isNumber(entry.size) && isNumber(entry.mtime) ? readParsed(entry.parsed, file) : undefined;
    if (parsed && isRecord(entry)) {
      index.set(file, { size: entry.size as number, mtime: entry.mtime as number, parsed });
    }
  }
  return index;
}

function readParsed(value: unknown, file: string): ParsedTopic | undefined {
  if (!isRecord(value) || !isNumber(value.idLine) || typeof value.implicitId !== 'boolean') {
    return undefined;
  }
  const { topic, problems, keyLines } = value;
  if (!isTopic(topic, file) || !Array.isArray(problems) || !problems.every(isProblem) || !isRecord(keyLines)) {
    return undefined;
  }
  const lines = Object.entries(keyLines);
  if (!lines.every(([, line]) => isNumber(line))) {
    return undefined;
  }
  return { topic, problems, keyLines: new Map(lines as Array<[string, number]>), idLine: value.idLine, implicitId: value.implicitId };
}

const SOURCES: readonly unknown[] = ['bundled', 'user'];
const SEVERITIES: readonly unknown[] = ['error', 'warning'];
const TEXT_FIELDS = ['id', 'title', 'summary', 'level', 'category', 'source', 'file', 'body'] as const;
const LIST_FIELDS = ['tags', 'prerequisites', 'related', 'snippets', 'versions', 'headings'] as const;

function isTopic(value: unknown, file: string): value is Topic {
  return (
    isRecord(value) &&
    value.file === file &&
    TEXT_FIELDS.every((key) => typeof value[key] === 'string') &&
    LIST_FIELDS.every((key) => isStringList(value[key])) &&
    (LEVELS as readonly unknown[]).includes(value.level) &&
    SOURCES.includes(value.source) &&
    isNumber(value.order) &&
    isNumber(value.bodyLine) &&
    ['challenge', 'solution'].every((key) => value[key] === undefined || typeof value[key] === 'string')
  );
}

function isProblem(value: unknown): value is Problem {
  return isRecord(value) && typeof value.file === 'string' && isNumber(value.line) && typeof value.message === 'string' && SEVERITIES.includes(value.severity) && SOURCES.includes(value.source);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
