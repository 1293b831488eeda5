// Two bundles: the extension host (node, cjs, `vscode` external) and the webview code under media/
// (browser, esm, code splitting, so mermaid's diagram chunks load only when a diagram of that type is shown).
// `--production` minifies and starts from an empty dist/ so stale chunks never ship; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const shared = {
  bundle: true,
  minify: production,
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    ...shared,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...shared,
    entryPoints: { note: 'media/note.ts', architecture: 'media/architecture.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  },
];

if (production) {
  rmSync('dist', { recursive: true, force: true });
}
if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('esbuild: watching src/ and media/');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
