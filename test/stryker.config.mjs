// Stryker over src/core: `npx stryker run test/stryker.config.mjs` (see BENCHMARKS.md, "Mutation testing").
// The sandbox is a copy of the repository with src/core instrumented; tsc compiles it and the fast unit tests that
// cover core run under mocha. Slow layers (snippet type-check, redis, parity, notePython, packaging, the schema CLI
// that runs dist/) stay out: they test the snippets and the package, not core.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import './strykerMocha12.mjs';

// Stryker's test runners are child processes: they inherit the environment, so they load the same shim.
const here = path.dirname(fileURLToPath(import.meta.url));
const mocha12 = pathToFileURL(path.join(here, 'strykerMocha12.mjs')).href;
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import ${mocha12}`.trim();
// The sandbox sits in out-stryker/, so the default "beside the checkout" path to the hostile corpus misses it.
process.env.NEXUS_HOSTILE_CORPUS ??= path.resolve(here, '..', '..', 'shared', 'corpus', 'hostile');

// NEXUS_STRYKER_OUT: another folder for the sandbox and the reports, so a run over one file can go beside a full one.
const out = process.env.NEXUS_STRYKER_OUT ?? 'out-stryker';

// Every unit test but these (kept in step with test/tsconfig.stryker.json, which compiles the rest).
const slowTests = ['snippets', 'snippetApi', 'snippetValidate', 'snippetGraphqlErrors', 'redisSnippets', 'newSnippets', 'notePython', 'packaging', 'schemaCli'];

export default {
  testRunner: 'mocha',
  plugins: ['@stryker-mutator/mocha-runner'],
  mutate: ['src/core/**/*.ts'],
  buildCommand: 'npx tsc -p test/tsconfig.stryker.json',
  mochaOptions: {
    // NEXUS_STRYKER_TESTS=expandSnippet,snippetGrammar: only these unit tests (with --mutate, one module quickly).
    spec: process.env.NEXUS_STRYKER_TESTS ? process.env.NEXUS_STRYKER_TESTS.split(',').map((name) => `out/test/unit/${name}.test.js`) : ['out/test/unit/*.test.js'],
    ignore: slowTests.map((name) => `out/test/unit/${name}.test.js`),
    // Time budgets ("within 300 ms") measure the code, not its logic: instrumented code is slower by design.
    grep: '^(?!.* within \\d+ ms)',
    'no-config': true,
    'no-package': true,
  },
  coverageAnalysis: 'perTest',
  // Module-level constants would need every test per mutant (hours on two cores); they are reported as ignored.
  ignoreStatic: true,
  // Only what the build and the tests read is copied into the sandbox.
  ignorePatterns: ['/out', '/out-*', '/dist', '/.cache', '/.artifacts', '/.vscode-test', '*.vsix', '/media', '/test/e2e', '/test/integration'],
  tempDirName: `${out}/sandbox`,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `${out}/mutation.json` },
  htmlReporter: { fileName: `${out}/mutation.html` },
  concurrency: Number(process.env.NEXUS_STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 10000,
  thresholds: { high: 85, low: 80, break: null },
};
