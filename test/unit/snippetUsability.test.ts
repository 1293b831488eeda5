import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { expandSnippet, parseSnippet, type SnippetNode } from '../../src/core/snippets/expandSnippet';
import { fixtureDir, loadAllSnippets } from '../fixtures/snippet-api/compose';

/**
 * Snippets must be usable as snippets, not only compile (issue 11, item 8): a long body is a file scaffold that says
 * which file it is and which files it imports; tab stops sit on names and code, never in comments or messages; a
 * plural has its own placeholder; every option of a choice changes the code.
 */
const SCAFFOLD_LINES = 60;
const snippets = loadAllSnippets();
const prefixOf = (snippet: { prefix: string[] }): string => snippet.prefix.join();

/** compose.json: which file of the composed API each snippet is (templates are glue, not snippets). */
function composedFiles(): Map<string, string> {
  const data = JSON.parse(fs.readFileSync(path.join(fixtureDir(), 'compose.json'), 'utf8')) as Record<string, unknown>;
  return new Map(Object.entries(data).filter((entry): entry is [string, string] => entry[0] !== '//' && typeof entry[1] === 'string'));
}

function walk(nodes: readonly SnippetNode[], visit: (node: SnippetNode) => void): void {
  for (const node of nodes) {
    visit(node);
    if (node.kind === 'tabstop' || node.kind === 'variable') {
      walk(node.children, visit);
    }
  }
}

/**
 * The body with every tab stop replaced by a marker that is a valid identifier and survives inside strings:
 * `zqx<index>d` where the editor puts the placeholder's default or choice list (the first occurrence that has one, as
 * VS Code and expandSnippet decide), `zqx<index>m` for a plain mirror, `zqx<index>t` for a transformed mirror.
 */
function markedBody(body: string): string {
  const nodes = parseSnippet(body);
  const defining = new Map<number, SnippetNode>();
  const first = new Map<number, SnippetNode>();
  walk(nodes, (node) => {
    if (node.kind !== 'tabstop' && node.kind !== 'choice') {
      return;
    }
    if (!first.has(node.index)) {
      first.set(node.index, node);
    }
    if (!defining.has(node.index) && (node.kind === 'choice' || node.children.length > 0)) {
      defining.set(node.index, node);
    }
  });
  const render = (list: readonly SnippetNode[]): string =>
    list
      .map((node) => {
        if (node.kind === 'text') {
          return node.value;
        }
        if (node.kind === 'variable' || node.index === 0) {
          return node.kind === 'choice' ? '' : render(node.children);
        }
        if (node.kind === 'tabstop' && node.transform) {
          return `zqx${node.index}t`;
        }
        return `zqx${node.index}${(defining.get(node.index) ?? first.get(node.index)) === node ? 'd' : 'm'}`;
      })
      .join('');
  return render(nodes);
}

type Place = 'code' | 'name string' | 'message string' | 'comment';

/** Where in the TypeScript text each position is: code, a comment, or a string (a message, or a name such as a route). */
function placesOf(text: string): (position: number) => Place {
  const source = ts.createSourceFile('snippet.ts', text, ts.ScriptTarget.Latest, true);
  const comments: [number, number][] = [];
  const strings: { start: number; end: number; message: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    for (const range of [...(ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []), ...(ts.getTrailingCommentRanges(text, node.getEnd()) ?? [])]) {
      comments.push([range.pos, range.end]);
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      strings.push({ start: node.getStart(), end: node.getEnd(), message: isMessage(node, text) });
    }
    node.getChildren().forEach(visit);
  };
  visit(source);
  return (position) => {
    if (comments.some(([start, end]) => position >= start && position < end)) {
      return 'comment';
    }
    const string = strings.find(({ start, end }) => position >= start && position < end);
    return string ? (string.message ? 'message string' : 'name string') : 'code';
  };
}

/**
 * A string a person reads rather than code: an error, log or test title. Known by where it sits (thrown, logged,
 * a `message` or `detail`, a describe/it title) or by reading as a sentence (three words in a row on its line).
 */
function isMessage(node: ts.Node, text: string): boolean {
  const start = node.getStart();
  const lineStart = text.lastIndexOf('\n', start) + 1;
  const lineEnd = text.indexOf('\n', node.getEnd());
  const segment = text.slice(Math.max(start, lineStart), Math.min(node.getEnd(), lineEnd === -1 ? text.length : lineEnd));
  if (/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/.test(segment)) {
    return true;
  }
  for (let current: ts.Node = node.parent; !ts.isSourceFile(current) && !ts.isBlock(current); current = current.parent) {
    if (ts.isThrowStatement(current)) {
      return true;
    }
    if (ts.isCallExpression(current)) {
      // An argument of any other call is whatever that function makes of it (uniqueMessage('tag', 'name'): names).
      return /^(console\.\w+|describe|it|test)$/.test(current.expression.getText());
    }
    if ((ts.isPropertyAssignment(current) || ts.isParameter(current)) && /^(message|detail)$/.test(current.name.getText())) {
      return true;
    }
    if (ts.isStatement(current)) {
      break;
    }
  }
  return false;
}

function lineAt(text: string, position: number): string {
  const end = text.indexOf('\n', position);
  return text.slice(text.lastIndexOf('\n', position) + 1, end === -1 ? text.length : end).trim();
}

function markers(marked: string): { index: number; kind: string; position: number }[] {
  return [...marked.matchAll(/zqx(\d+)([dmt])/g)].map((match) => ({ index: Number(match[1]), kind: match[2] ?? '', position: match.index }));
}

/** The code without its comments, printed the same way for every expansion, so only real changes differ. */
function codeOf(text: string): string {
  const source = ts.createSourceFile('snippet.ts', text, ts.ScriptTarget.Latest, true);
  return ts.createPrinter({ removeComments: true }).printFile(source);
}

describe('DRF snippets are usable as snippets', function () {
  // Parsing and printing every expansion takes seconds on a busy machine.
  this.timeout(60_000);

  it(`makes every body over ${SCAFFOLD_LINES} lines a file scaffold that names its file and its imports`, () => {
    const files = composedFiles();
    const fileOf = new Map([...files].map(([file, prefix]) => [prefix, file]));
    const problems: string[] = [];
    for (const snippet of snippets) {
      const prefix = prefixOf(snippet);
      const lines = snippet.body.split('\n').length;
      const described = /File scaffold for src\/([\w.-]+\.ts)/.exec(snippet.description)?.[1];
      if (lines <= SCAFFOLD_LINES && described === undefined) {
        continue;
      }
      const expected = fileOf.get(prefix);
      if (described === undefined || described !== expected) {
        problems.push(`${prefix} (${lines} lines): its description must say "File scaffold for src/${expected ?? '<its file in compose.json>'}"`);
        continue;
      }
      const expanded = expandSnippet(snippet.body).text;
      if (!expanded.startsWith(`// src/${described}`)) {
        problems.push(`${prefix}: the body's first line must be the comment "// src/${described}", not ${JSON.stringify(expanded.split('\n')[0])}`);
      }
      const imported = [...new Set([...expanded.matchAll(/from '\.\/([\w.-]+)\.js'/g)].map((match) => `src/${match[1] ?? ''}.ts`))].sort();
      const scaffoldText = snippet.description.slice(snippet.description.indexOf('File scaffold for'));
      const named = [...new Set([...scaffoldText.split(/ Differs:/)[0]!.matchAll(/src\/[\w.-]+\.ts/g)].map((match) => match[0]))].filter((file) => file !== `src/${described}`).sort();
      if (named.join() !== imported.join()) {
        problems.push(`${prefix}: the description names the imports [${named.join(', ')}] but the body imports [${imported.join(', ')}]`);
      }
      for (const file of imported) {
        const owner = files.get(file.slice('src/'.length));
        if (owner && !scaffoldText.includes(`${file} (${owner})`)) {
          problems.push(`${prefix}: the description must name the snippet of ${file}: "${file} (${owner})"`);
        }
        if (!owner && !fs.existsSync(path.join(fixtureDir(), `${file.slice('src/'.length)}.txt`))) {
          problems.push(`${prefix}: imports ${file}, which no snippet (and no glue file of the composed API) is`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('puts every tab stop and choice on a name or on code, never in a comment or a log or error message', () => {
    const problems: string[] = [];
    for (const snippet of snippets) {
      const marked = markedBody(snippet.body);
      const placeOf = placesOf(marked);
      for (const { index, kind, position } of markers(marked)) {
        const place = placeOf(position);
        if (kind === 'd' && (place === 'comment' || place === 'message string')) {
          problems.push(`${prefixOf(snippet)}: $${index} is set in a ${place}: ${lineAt(marked, position)}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('gives plurals their own placeholder instead of appending "s" to a singular one', () => {
    const problems: string[] = [];
    for (const snippet of snippets) {
      const marked = markedBody(snippet.body);
      for (const match of marked.matchAll(/zqx(\d+)[dmt]s(?![a-z])/g)) {
        problems.push(`${prefixOf(snippet)}: $${match[1]} + "s" makes a plural: ${lineAt(marked, match.index)}`);
      }
      // A singular default written out as a plural is a name that stays behind when the singular is renamed. Only words
      // of five letters or more: short ones (name → names) are ordinary variables too often.
      for (const [index, value] of placeholderDefaults(snippet.body)) {
        if (/^[a-z][a-zA-Z]{4,}$/.test(value) && new RegExp(`\\b${value}s\\b`).test(codeOf(marked))) {
          problems.push(`${prefixOf(snippet)}: "${value}s" is written out beside the placeholder $${index} (${value}); give the plural its own placeholder`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('offers only choices whose options change the code', () => {
    const problems: string[] = [];
    for (const snippet of snippets) {
      for (const [index, options] of expandSnippet(snippet.body).choices) {
        const codes = options.map((option) => codeOf(expandSnippet(snippet.body, { choices: { [index]: option } }).text));
        const same = options.filter((_option, i) => codes.indexOf(codes[i] ?? '') !== i);
        if (same.length > 0) {
          problems.push(`${prefixOf(snippet)}: choice $${index} option(s) ${same.join(', ')} give the same code as another option (only comments differ)`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});

/** The default text of each placeholder with a plain-text default. */
function placeholderDefaults(body: string): Map<number, string> {
  const defaults = new Map<number, string>();
  walk(parseSnippet(body), (node) => {
    if (node.kind === 'tabstop' && node.index > 0 && !defaults.has(node.index) && node.children.length === 1 && node.children[0]?.kind === 'text') {
      defaults.set(node.index, node.children[0].value);
    }
  });
  return defaults;
}
