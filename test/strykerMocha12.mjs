// @stryker-mutator/mocha-runner 9 (the last major that runs on Node 20; 10 needs Node 22) loads mocha's
// lib/cli/run-helpers and lib/cli/options without an extension, and mocha 12 renamed them *.cjs. Letting require()
// try .cjs as well is all it takes: their exports are unchanged. Loaded by test/stryker.config.mjs, in every process.
import Module from 'node:module';

if (!Module._extensions['.cjs']) {
  Module._extensions['.cjs'] = Module._extensions['.js'];
}
