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
export const INDEX_FORMAT = 2;

/**
 * A file modified this close before a load is not trusted to the index: a file system with coarse timestamps
 * (1 s on ext3 and many network shares, 2 s on FAT) could give a second same-size edit the same mtime.
 */
export const RACY_WINDOW_MS = 2000;

/** Whether `stamp` may stand for the file's contents in later loads, given when this load started. */
export function isSettled(stamp: FileStamp, loadStartedAt: number): boolean {
  return stamp.mtime < loadStartedAt - RACY_WINDOW_MS;
}

/**
 * Stored as one line of JSON with everything but the note bodies, then the bodies end to end. Bodies are two
 * thirds of the file and a later load needs none of them parsed: each is decoded on its own from its place in the
 * file's bytes (own strings, so the file's bytes are not held by the catalog). Each note is one JSON array of
 * ENTRY_FIELDS, not an object tree, which halves the JSON a later load parses (the field names were a third of it).
 */
interface Stored {
  format: number;
  /** Who parsed the entries (the extension's version): a different parser may read the same file differently. */
  parser: string;
  /** The UTF-8 length of all bodies together: a file cut short, or with bytes added, is not used at all. */
  bodies: number;
  entries: unknown[][];
}

/** What each stored entry holds, in its order. The body is at `bodyStart` bytes after the JSON line, `bodyLength` bytes long. */
export const ENTRY_FIELDS = [
  'file', 'size', 'mtime', 'bodyStart', 'bodyLength', 'bodyLine',
  'id', 'title', 'summary', 'order', 'level', 'category', 'source',
  'tags', 'prerequisites', 'related', 'snippets', 'versions', 'headings',
  'challenge', 'solution', 'problems', 'keyLines', 'idLine', 'implicitId',
] as const;
type EntryField = (typeof ENTRY_FIELDS)[number];
const AT = Object.fromEntries(ENTRY_FIELDS.map((name, at) => [name, at])) as Record<EntryField, number>;

export function serializeIndex(index: CatalogIndex, parser: string): string {
  const bodies: string[] = [];
  let bodiesLength = 0;
  const entries = [...index].map(([file, { size, mtime, parsed }]) => {
    const { topic } = parsed;
    const bodyLength = utf8Length(topic.body);
    bodies.push(topic.body);
    bodiesLength += bodyLength;
    // Every field named, no spread: the write of 10,000 entries stays a plain, fixed-shape copy.
    const row: Record<EntryField, unknown> = {
      file,
      size,
      mtime,
      bodyStart: bodiesLength - bodyLength,
      bodyLength,
      bodyLine: topic.bodyLine,
      id: topic.id,
      title: topic.title,
      summary: topic.summary,
      order: topic.order,
      level: topic.level,
      category: topic.category,
      source: topic.source,
      tags: topic.tags,
      prerequisites: topic.prerequisites,
      related: topic.related,
      snippets: topic.snippets,
      versions: topic.versions,
      headings: topic.headings,
      challenge: topic.challenge ?? null,
      solution: topic.solution ?? null,
      problems: parsed.problems,
      // One object, not pairs: an object per note instead of one per key is quicker to parse.
      keyLines: Object.fromEntries(parsed.keyLines),
      idLine: parsed.idLine,
      implicitId: parsed.implicitId,
    };
    return ENTRY_FIELDS.map((name) => row[name]);
  });
  const stored: Stored = { format: INDEX_FORMAT, parser, bodies: bodiesLength, entries };
  // JSON.stringify never writes a raw line break, so the first one ends the JSON.
  return `${JSON.stringify(stored)}\n${bodies.join('')}`;
}

/** The bytes of a UTF-8 string, as TextEncoder would write it (a lone surrogate as the three bytes of U+FFFD). */
function utf8Length(text: string): number {
  let length = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code < 0x80) {
      length += 1;
    } else if (code < 0x800) {
      length += 2;
    } else if (code >= 0xd800 && code < 0xdc00 && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00) {
      length += 4;
      at += 1;
    } else {
      length += 3;
    }
  }
  return length;
}

const LINE_FEED = 10;

/**
 * The index in `bytes` (an index file as written from serializeIndex, UTF-8), or an empty one when they are not an
 * index of this format written by this parser: a cache that cannot be used costs a full parse, never an error.
 * Entries that are not whole are left out.
 */
export function deserializeIndex(bytes: Uint8Array, parser: string): CatalogIndex {
  const index = new Map<string, IndexEntry>();
  // No byte of a multi-byte UTF-8 character is a line feed, so the first one ends the JSON.
  const split = bytes.indexOf(LINE_FEED);
  if (split === -1) {
    return index;
  }
  const decoder = new TextDecoder();
  let stored: unknown;
  try {
    stored = JSON.parse(decoder.decode(bytes.subarray(0, split)));
  } catch {
    return index;
  }
  const bodies = bytes.subarray(split + 1);
  if (!isRecord(stored) || stored.format !== INDEX_FORMAT || stored.parser !== parser || stored.bodies !== bodies.length || !Array.isArray(stored.entries)) {
    return index;
  }
  const bodyAt = (start: number, length: number): string => decoder.decode(bodies.subarray(start, start + length));
  for (const row of stored.entries as unknown[]) {
    const entry = Array.isArray(row) && row.length === ENTRY_FIELDS.length ? readEntry(row, bodies.length, bodyAt) : undefined;
    if (entry) {
      index.set(entry.parsed.topic.file, entry);
    }
  }
  return index;
}

const SOURCES: readonly unknown[] = ['bundled', 'user'];
const SEVERITIES: readonly unknown[] = ['error', 'warning'];
// Places in a row, worked out once: checking 10,000 rows is then loops over numbers, without a closure per row.
const places = (names: readonly EntryField[]): number[] => names.map((name) => AT[name]);
const TEXT_AT = places(['file', 'id', 'title', 'summary', 'level', 'category', 'source']);
const NUMBER_AT = places(['size', 'mtime', 'bodyLine', 'order', 'idLine']);
const LIST_AT = places(['tags', 'prerequisites', 'related', 'snippets', 'versions', 'headings']);
const OPTIONAL_TEXT_AT = places(['challenge', 'solution']);

/** Whether every place in `at` of `row` passes `test`. */
function all(row: unknown[], at: readonly number[], test: (value: unknown) => boolean): boolean {
  for (const place of at) {
    if (!test(row[place])) {
      return false;
    }
  }
  return true;
}

const isText = (value: unknown): boolean => typeof value === 'string';
const isOptionalText = (value: unknown): boolean => value === null || typeof value === 'string';

/** The entry in a stored row, or undefined when any part of it is not what serializeIndex writes. */
function readEntry(row: unknown[], bodiesLength: number, bodyAt: (start: number, length: number) => string): IndexEntry | undefined {
  const bodyStart = row[AT.bodyStart];
  const bodyLength = row[AT.bodyLength];
  const keyLines = row[AT.keyLines];
  const problems = row[AT.problems];
  if (
    !all(row, TEXT_AT, isText) ||
    !all(row, NUMBER_AT, isNumber) ||
    !all(row, LIST_AT, isStringList) ||
    !all(row, OPTIONAL_TEXT_AT, isOptionalText) ||
    !(LEVELS as readonly unknown[]).includes(row[AT.level]) ||
    !SOURCES.includes(row[AT.source]) ||
    typeof row[AT.implicitId] !== 'boolean' ||
    !Number.isSafeInteger(bodyStart) ||
    !Number.isSafeInteger(bodyLength) ||
    (bodyStart as number) < 0 ||
    (bodyLength as number) < 0 ||
    (bodyStart as number) + (bodyLength as number) > bodiesLength ||
    !Array.isArray(problems) ||
    !problems.every(isProblem) ||
    !isRecord(keyLines)
  ) {
    return undefined;
  }
  // Straight into the map: pairs from Object.entries were much of the garbage of reading 10,000 entries.
  const lines = new Map<string, number>();
  for (const key of Object.keys(keyLines)) {
    const line = keyLines[key];
    if (!isNumber(line)) {
      return undefined;
    }
    lines.set(key, line);
  }
  // Fields in the order parseTopic gives them.
  const topic = {
    id: row[AT.id],
    title: row[AT.title],
    summary: row[AT.summary],
    order: row[AT.order],
    level: row[AT.level],
    tags: row[AT.tags],
    prerequisites: row[AT.prerequisites],
    related: row[AT.related],
    snippets: row[AT.snippets],
    versions: row[AT.versions],
    category: row[AT.category],
    source: row[AT.source],
    file: row[AT.file],
    body: bodyAt(bodyStart as number, bodyLength as number),
    bodyLine: row[AT.bodyLine],
    headings: row[AT.headings],
  } as Topic;
  if (typeof row[AT.challenge] === 'string') {
    topic.challenge = row[AT.challenge] as string;
  }
  if (typeof row[AT.solution] === 'string') {
    topic.solution = row[AT.solution] as string;
  }
  return {
    size: row[AT.size] as number,
    mtime: row[AT.mtime] as number,
    parsed: { topic, problems: problems as Problem[], keyLines: lines, idLine: row[AT.idLine] as number, implicitId: row[AT.implicitId] as boolean },
  };
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
