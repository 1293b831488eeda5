// Bundles: the extension host (node, cjs, `vscode` external), the schema parsers and command line (node, cjs), and the webview code under media/
// (browser, esm, code splitting, so mermaid's diagram chunks load only when a diagram of that type is shown).
// `--production` minifies and starts from an empty dist/ so stale chunks never ship; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

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

// The schema parsers (Visualize Schema, `npm run schema`) are their own bundle, dist/schema.js, loaded only when
// used: the extension and the command line require it at run time instead of bundling it.
/** @type {import('esbuild').Plugin} */
const schemaParsersApart = {
  name: 'schema-parsers-apart',
  setup(build) {
    build.onResolve({ filter: /core\/schema\/index(\.js)?$/ }, () => ({ path: './schema.js', external: true }));
  },
};
// @mrleebo/prisma-ast looks for a config file with lilconfig when it loads, which could require() a file from the
// learner's disk; the bundle gets a lookup that finds nothing, so prisma-ast keeps its defaults.
/** @type {import('esbuild').Plugin} */
const noPrismaConfigLookup = {
  name: 'no-prisma-config-lookup',
  setup(build) {
    build.onResolve({ filter: /^lilconfig$/ }, () => ({ path: 'lilconfig', namespace: 'stub' }));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'exports.lilconfigSync = () => ({ search: () => null });', loader: 'js' }));
  },
};
/** @type {import('esbuild').BuildOptions} */
const nodeBundle = { ...shared, platform: 'node', format: 'cjs', target: 'node20' };

// dist/webview/mermaid-version.js: the mermaid version the webview bundles (JSON, named .js because the package ships
// dist/ scripts only), which keys the persistent SVG cache so a new mermaid draws every diagram anew.
/** @type {import('esbuild').Plugin} */
const mermaidVersion = {
  name: 'mermaid-version',
  setup(build) {
    build.onEnd(() => {
      const { version } = JSON.parse(readFileSync('node_modules/mermaid/package.json', 'utf8'));
      writeFileSync('dist/webview/mermaid-version.js', JSON.stringify(version));
    });
  },
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
    plugins: [schemaParsersApart],
  },
  { ...nodeBundle, entryPoints: ['src/core/schema/index.ts'], outfile: 'dist/schema.js', plugins: [noPrismaConfigLookup] },
  { ...nodeBundle, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', plugins: [schemaParsersApart] },
  {
    ...shared,
    entryPoints: { note: 'media/note.ts', architecture: 'media/architecture.ts', review: 'media/review.ts', schema: 'media/schema.ts' },
    plugins: [mermaidVersion],
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
// libpg-query's emscripten glue loads its .wasm from beside the script it is bundled into (dist/schema.js).
const copyWasm = () => {
  mkdirSync('dist', { recursive: true });
  copyFileSync('node_modules/libpg-query/wasm/libpg-query.wasm', 'dist/libpg-query.wasm');
};
if (process.argv.includes('--schema')) {
  // `npm run schema`: only the command line and its parsers, so it works before a full build.
  await Promise.all(builds.filter((options) => /schema|cli/.test(String(options.outfile))).map((options) => esbuild.build(options)));
  copyWasm();
} else if (watch) {
  copyWasm();
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('esbuild: watching src/ and media/');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  copyWasm();
}
