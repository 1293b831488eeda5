import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import ts from 'typescript';
import { expandSnippet } from '../../src/core/snippets/expandSnippet';
import { composeApi, fixtureDir, loadAllSnippets, type ComposedFile } from '../fixtures/snippet-api/compose';

/**
 * Every DRF snippet, expanded the way VS Code leaves it when all defaults are accepted (and once per alternative
 * choice option), must compile under `--strict` against the real libraries, as part of one small composed API.
 * The composed files are virtual: they sit (in memory) under test/fixtures/snippet-api/.generated so that imports
 * resolve through the repository's node_modules, and nothing is written to disk.
 */
const compilerOptions: ts.CompilerOptions = {
  strict: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts'],
  types: ['node', 'mocha'],
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
};

function typeCheck(files: readonly ComposedFile[]): { file: ComposedFile; message: string }[] {
  const dir = path.join(fixtureDir(), '.generated');
  const virtual = new Map(files.map((file) => [path.join(dir, file.name), file]));
  const host = ts.createCompilerHost(compilerOptions, true);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.fileExists = (name) => virtual.has(path.resolve(name)) || fileExists.call(host, name);
  host.readFile = (name) => virtual.get(path.resolve(name))?.text ?? readFile.call(host, name);
  host.directoryExists = (name) => path.resolve(name) === dir || (directoryExists?.call(host, name) ?? true);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const file = virtual.get(path.resolve(name));
    return file ? ts.createSourceFile(name, file.text, languageVersion, true) : getSourceFile.call(host, name, languageVersion, onError, shouldCreate);
  };
  const program = ts.createProgram([...virtual.keys()], compilerOptions, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const source = diagnostic.file;
    const file = source ? virtual.get(path.resolve(source.fileName)) : undefined;
    if (!source || !file) {
      return { file: { name: '(program)', text: '', snippets: [] }, message: text };
    }
    const { line, character } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const lineText = file.text.split('\n')[line]?.trim() ?? '';
    return { file, message: `${file.name}:${line + 1}:${character + 1} TS${diagnostic.code}: ${text}\n      > ${lineText}` };
  });
}

function describeFile(file: ComposedFile): string {
  const variant = file.variant ? ` (choice $${file.variant.index} = ${JSON.stringify(file.variant.option)})` : '';
  return `${file.snippets.join(' + ') || 'glue'}${variant}`;
}

describe('DRF snippets', () => {
  const snippets = loadAllSnippets();

  it('has at least 40 snippets with drf- prefixes, unique names and typescript scope', () => {
    assert.ok(snippets.length >= 40, `only ${snippets.length} snippets`);
    const prefixes = snippets.flatMap((snippet) => snippet.prefix);
    assert.deepEqual(
      prefixes.filter((prefix) => !prefix.startsWith('drf-')),
      [],
    );
    assert.equal(new Set(prefixes).size, prefixes.length, 'prefixes must be unique');
    assert.deepEqual(
      snippets.filter((snippet) => snippet.scope !== 'typescript').map((snippet) => snippet.name),
      [],
    );
  });

  it('names the DRF (or Django) original and its TypeScript port in every description', () => {
    const bad = snippets.filter((snippet) => !/→/.test(snippet.description) || snippet.description.split('→')[0]!.trim().length < 4);
    assert.deepEqual(
      bad.map((snippet) => `${snippet.prefix.join()}: ${snippet.description}`),
      [],
    );
  });

  it('uses no bare variables, parses every body and offers tab stops', () => {
    const problems: string[] = [];
    for (const snippet of snippets) {
      const result = expandSnippet(snippet.body);
      if (result.variables.length > 0) {
        problems.push(`${snippet.prefix.join()}: variables ${result.variables.join(', ')} (escape TypeScript's $ as \\$)`);
      }
      if (!result.tabstops.some((index) => index > 0)) {
        problems.push(`${snippet.prefix.join()}: no placeholder to tab through`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('puts every snippet into the composed API', () => {
    const used = new Set(composeApi().flatMap((file) => file.snippets));
    assert.deepEqual(
      snippets.flatMap((snippet) => snippet.prefix).filter((prefix) => !used.has(prefix)),
      [],
    );
  });

  it('fails to type-check when the documented OpenAPI shape and the serializer drift apart (drf-openapi)', function () {
    this.timeout(240_000);
    const drifts: [string, string, string][] = [
      ['article.serializer.ts', 'title: row.title,', 'headline: row.title,'],
      ['article.serializer.ts', 'body: row.body,', ''],
      ['openapi.ts', 'title: z.string(),', 'title: z.string(),\n  subtitle: z.string(),'],
    ];
    const composed = composeApi();
    for (const [name, from, to] of drifts) {
      assert.ok(composed.some((file) => file.name === name && file.text.includes(from)), `${name} contains ${from}`);
      const files = composed.map((file) => (file.name === name ? { ...file, text: file.text.replace(from, to) } : file));
      const errors = typeCheck(files);
      assert.ok(
        errors.some(({ file }) => file.name === 'openapi.ts'),
        `no type error in openapi.ts after ${name}: ${from} → ${to}\n` + errors.map(({ message }) => message).join('\n'),
      );
    }
  });

  it('type-checks every expansion (defaults and each choice option) with tsc --strict against the real libraries', function () {
    this.timeout(240_000);
    const files = composeApi({ variants: true });
    assert.ok(files.some((file) => file.variant), 'no choice variants were generated');
    const errors = typeCheck(files);
    assert.ok(
      errors.length === 0,
      `${errors.length} type error(s):\n` + errors.map(({ file, message }) => `  [${describeFile(file)}] ${message}`).join('\n'),
    );
  });
});
