// Bundles: the extension host (node, cjs, `vscode` external), the schema parsers and command line (node, cjs), and the webview code under media/
// (browser, esm, code splitting, so mermaid's diagram chunks load only when a diagram of that type is shown).
// `--production` minifies and starts from an empty dist/ so stale chunks never ship; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

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

// dist/webview/preloads.js (JSON): the chunks a note's first page preloads (<link rel="modulepreload">), so they load
// in parallel with the page instead of one import after another once the script runs: the page script's own static
// imports, mermaid's core and what it imports statically, and per diagram keyword the chunk mermaid imports for it
// (and the dagre layout most use).
// Keyword → the name mermaid gives that diagram's module; a mermaid that renames one fails the build here.
const DIAGRAM_MODULES = {
  erDiagram: ['erDiagram', 'dagre'],
  flowchart: ['flowDiagram', 'dagre'],
  graph: ['flowDiagram', 'dagre'],
  sequenceDiagram: ['sequenceDiagram'],
  classDiagram: ['classDiagram-v2', 'dagre'],
  stateDiagram: ['stateDiagram-v2', 'dagre'],
  'stateDiagram-v2': ['stateDiagram-v2', 'dagre'],
  gantt: ['ganttDiagram'],
  pie: ['pieDiagram'],
  journey: ['journeyDiagram'],
  gitGraph: ['gitGraphDiagram'],
  mindmap: ['mindmap-definition', 'cose-bilkent'],
  timeline: ['timeline-definition'],
};
/** @type {import('esbuild').Plugin} */
const diagramPreloads = {
  name: 'diagram-preloads',
  setup(build) {
    build.onEnd((result) => {
      if (!result.metafile) {
        return;
      }
      const outputs = result.metafile.outputs;
      const relative = (file) => file.replace(/^dist\/webview\//, '');
      const closure = (file, seen = new Set()) => {
        if (!seen.has(file)) {
          seen.add(file);
          outputs[file].imports.filter((i) => i.kind === 'import-statement').forEach((i) => closure(i.path, seen));
        }
        return seen;
      };
      const named = (name) => {
        const file = Object.keys(outputs).find((out) => new RegExp(`/chunks/${name}-[A-Z0-9]+-[A-Z0-9]+\\.js$`).test(out));
        if (!file) {
          throw new Error(`diagram-preloads: no chunk for mermaid's ${name} module`);
        }
        return file;
      };
      const core = Object.keys(outputs).find((out) => outputs[out].entryPoint === 'node_modules/mermaid/dist/mermaid.core.mjs');
      if (!core) {
        throw new Error('diagram-preloads: no mermaid.core chunk');
      }
      const mermaid = closure(core);
      const kinds = Object.fromEntries(
        Object.entries(DIAGRAM_MODULES).map(([keyword, modules]) => [
          keyword,
          [...new Set(modules.flatMap((name) => [...closure(named(name))]))].filter((file) => !mermaid.has(file)).map(relative),
        ]),
      );
      // Each page script's own static imports, which the browser would otherwise only ask for once the script arrived.
      const pages = Object.fromEntries(
        Object.keys(outputs)
          .filter((out) => /^dist\/webview\/[\w-]+\.js$/.test(out) && outputs[out].entryPoint)
          .map((out) => [relative(out), [...closure(out)].filter((file) => file !== out).map(relative)]),
      );
      writeFileSync('dist/webview/preloads.js', JSON.stringify({ mermaid: [...mermaid].map(relative), kinds, pages }));
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
    plugins: [mermaidVersion, diagramPreloads],
    metafile: true,
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
  if (production) {
    await predraw();
  }
}

/**
 * dist/diagrams: the bundled notes' diagrams drawn in light and dark (test/harness/predrawDiagrams.ts), so a
 * bundled note shows them with its text on a first open. Needs Debian's Chromium; without it the build says so and
 * ships none (those diagrams are then drawn on first open, and the packaging test fails).
 */
async function predraw() {
  const work = path.resolve('node_modules/.cache/nexus-predraw');
  rmSync(work, { recursive: true, force: true });
  const quiet = { bundle: true, logLevel: 'warning', legalComments: 'none' };
  await esbuild.build({ ...quiet, entryPoints: { predraw: 'media/predraw.ts' }, outdir: path.join(work, 'page'), platform: 'browser', format: 'esm', target: 'es2022', splitting: true });
  // Bundled beside node_modules, so that its require('playwright-core') resolves from there.
  await esbuild.build({ ...quiet, entryPoints: ['test/harness/predrawDiagrams.ts'], outfile: path.join(work, 'driver.cjs'), platform: 'node', format: 'cjs', target: 'node20', external: ['playwright-core'] });
  const { predrawDiagrams } = createRequire(import.meta.url)(path.join(work, 'driver.cjs'));
  try {
    const made = await predrawDiagrams({
      topicsDir: path.resolve('content/topics'),
      pageDir: path.join(work, 'page'),
      outDir: path.resolve('dist/diagrams'),
      mermaidVersion: JSON.parse(readFileSync('dist/webview/mermaid-version.js', 'utf8')),
    });
    console.log(`esbuild: drew the bundled notes' ${made.diagrams} diagrams in light and dark: ${made.files} files, ${Math.round(made.bytes / 1024)} KB, in dist/diagrams`);
    for (const failure of made.failed) {
      console.warn(`esbuild: mermaid could not draw a bundled diagram (${failure}); the note draws it, with its error, when opened`);
    }
  } catch (error) {
    console.warn(`esbuild: dist/diagrams not drawn (${error instanceof Error ? error.message.split('\n')[0] : error}); bundled notes draw their diagrams on first open`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
