import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { editDistance } from './editDistance';
import { readSimpleMapping } from './simpleYaml';

/** A YAML mapping read with the line of every key, so each problem can name its line in the file. */
export interface YamlFields {
  values: Map<string, unknown>;
  /** 1-based file line of each key. */
  lines: Map<string, number>;
  errors: Array<{ line: number; message: string }>;
  /** False when the document is not a mapping at all. */
  isMapping: boolean;
}

/**
 * @param firstLine 1-based file line where `text` starts, so that lines are the file's, not the snippet's.
 */
export function readYamlFields(text: string, firstLine: number): YamlFields {
  const simple = readSimpleMapping(text);
  if (!simple) {
    return readWithYaml(text, firstLine);
  }
  const lines = new Map<string, number>();
  simple.keyLines.forEach((line, key) => lines.set(key, line + firstLine));
  return { values: simple.values, lines, errors: [], isMapping: true };
}

/** readYamlFields by the `yaml` library alone: what the fast path must match, and what reads everything else. */
export function readWithYaml(text: string, firstLine: number): YamlFields {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined): number =>
    offset === undefined ? firstLine : lineCounter.linePos(offset).line + firstLine - 1;
  const result: YamlFields = { values: new Map(), lines: new Map(), errors: [], isMapping: true };
  for (const error of doc.errors) {
    let line = lineOf(error.pos[0]);
    if (error.code === 'MISSING_CHAR' && /quote/.test(error.message)) {
      // The parser notices a missing closing quote at the end of the text; blame the line that opened it.
      line = openingQuoteLine(text, line - firstLine) + firstLine;
    }
    result.errors.push({ line, message: error.message.split('\n')[0] });
  }
  if (result.errors.length > 0) {
    return result;
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return result;
  }
  if (!isMap(contents)) {
    result.isMapping = false;
    return result;
  }
  for (const pair of contents.items as Array<Pair<Node, Node>>) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    result.values.set(key, pair.value === null ? null : (pair.value as Node).toJSON());
    result.lines.set(key, lineOf(pair.key?.range?.[0]));
  }
  return result;
}

/** The closest known word within two edits, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}


/** 0-based index of the last line at or before `from` with an unbalanced quote. */
function openingQuoteLine(text: string, from: number): number {
  const lines = text.split('\n');
  for (let index = Math.min(from, lines.length - 1); index >= 0; index--) {
    const line = lines[index];
    if ((line.split('"').length - 1) % 2 === 1 || (line.split("'").length - 1) % 2 === 1) {
      return index;
    }
  }
  return from;
}
