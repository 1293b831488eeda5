import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yauzl from 'yauzl';
import { chunksToPreload, isPreloadManifest } from '../../src/core/markdown/diagramPreloads';
import { svgCachePrefix } from '../../src/core/svgCacheName';
import { bundledDiagrams } from '../harness/predrawDiagrams';
import { renderNote } from '../../src/core/renderNote';
import { initialScript } from '../bench/sizes';
import { repoRoot, vsixPath } from '../harness/paths';

function vsixEntries(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) {
        reject(error);
        return;
      }
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** What a .vsix may hold: vsce's own files, then only what users run or read. */
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/(readme|changelog|license)\.md$/i,
  /^extension\/LICENSE(\.txt)?$/,
  /^extension\/dist\/extension\.js$/,
  // Visualize Schema: its parsers apart (loaded on first use), the command line, and libpg-query's PostgreSQL parser.
  /^extension\/dist\/(schema|cli)\.js$/,
  /^extension\/dist\/libpg-query\.wasm$/,
  // The bundled notes' diagrams, drawn by the build.
  /^extension\/dist\/diagrams\/[\w.-]+\.svg$/,
  /^extension\/media\/THIRD-PARTY-NOTICES\.txt$/,
  /^extension\/dist\/webview\/[\w/.-]+\.(js|css)$/,
  /^extension\/media\/[\w/.-]+\.(css|svg|png)$/,
  /^extension\/content\/[\w/.-]+\.(md|ya?ml|json|code-snippets)$/,
];

describe('the packaged .vsix', () => {
  let entries: string[];
  before(async () => {
    assert.ok(fs.existsSync(vsixPath()), `${vsixPath()} exists (npm run package makes it)`);
    entries = await vsixEntries(vsixPath());
  });

  it('holds only dist, media assets, content and the manifest files', () => {
    const unexpected = entries.filter((name) => !ALLOWED.some((pattern) => pattern.test(name)));
    assert.deepEqual(unexpected, [], `unexpected entries in the .vsix:\n${unexpected.join('\n')}`);
  });

  it('ships the extension bundle, the webview bundle and the activity-bar icon', () => {
    for (const needed of ['extension/dist/extension.js', 'extension/dist/webview/note.js', 'extension/dist/webview/architecture.js', 'extension/dist/webview/preloads.js', 'extension/dist/webview/mermaid-version.js', 'extension/media/icons/nexus.svg', 'extension/content/architecture.yaml']) {
      assert.ok(entries.includes(needed), `${needed} is in the .vsix`);
    }
  });

  it('ships the picture of every walkthrough step', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      contributes: { walkthroughs: Array<{ steps: Array<{ id: string; media: { image?: string } }> }> };
    };
    const steps = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps);
    assert.equal(steps.length, 5);
    const missing = steps.filter((step) => !step.media.image || !entries.includes(`extension/${step.media.image}`)).map((step) => step.id);
    assert.deepEqual(missing, []);
  });

  it('ships the schema parsers apart from the extension, with the .wasm beside them and the licences they need', () => {
    for (const needed of ['extension/dist/schema.js', 'extension/dist/libpg-query.wasm', 'extension/dist/webview/schema.js', 'extension/media/THIRD-PARTY-NOTICES.txt']) {
      assert.ok(entries.includes(needed), `${needed} is in the .vsix`);
    }
    const extension = fs.readFileSync(path.join(repoRoot, 'dist', 'extension.js'), 'utf8');
    assert.doesNotMatch(extension, /@lezer|libpg-query|chevrotain/, 'activation loads no parser');
    assert.match(extension, /require\("\.\/schema\.js"\)/);
  });

  it('has no source maps, sources, tests or node_modules', () => {
    const leaked = entries.filter((name) => /\.map$|\.ts$|(^|\/)(src|test|node_modules|out)\//.test(name));
    assert.deepEqual(leaked, []);
  });

  it('keeps each webview’s first script (before mermaid) within 60 KB gzip', () => {
    for (const entry of ['note.js', 'architecture.js']) {
      const { gzip } = initialScript(entry);
      assert.ok(gzip > 500 && gzip <= 60 * 1024, `${entry}: ${gzip} bytes gzip`);
    }
  });

  it('lists, for every diagram kind the bundled notes draw, the chunks a note page preloads, all of them built', () => {
    const webviewDir = path.join(repoRoot, 'dist', 'webview');
    const manifest: unknown = JSON.parse(fs.readFileSync(path.join(webviewDir, 'preloads.js'), 'utf8'));
    assert.ok(isPreloadManifest(manifest), 'dist/webview/preloads.js has the shape the extension reads');
    const topics = path.join(repoRoot, 'content', 'topics');
    const kinds = new Set(
      fs.readdirSync(topics, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.md'))
        .flatMap((file) => renderNote({ file: 'file:///n.md', body: fs.readFileSync(path.join(topics, file), 'utf8'), bodyLine: 1 }, { topicIdForFile: () => undefined, hasTopic: () => true }).diagrams.map((diagram) => diagram.kind)),
    );
    assert.deepEqual([...kinds].sort(), ['erDiagram', 'flowchart', 'sequenceDiagram', 'stateDiagram-v2']);
    for (const kind of kinds) {
      const chunks = chunksToPreload(manifest, [kind]);
      assert.ok(chunks.some((chunk) => /^chunks\/mermaid\.core-/.test(chunk)), `${kind}: mermaid's core`);
      assert.ok(manifest.kinds[kind].length > 0, `${kind}: its own chunks`);
      for (const chunk of chunks) {
        assert.ok(fs.existsSync(path.join(webviewDir, chunk)), `${chunk} is in dist/webview`);
      }
    }
  });

  it("preloads with a note page exactly the chunks its script imports statically, all of them built", () => {
    const webviewDir = path.join(repoRoot, 'dist', 'webview');
    const manifest: unknown = JSON.parse(fs.readFileSync(path.join(webviewDir, 'preloads.js'), 'utf8'));
    assert.ok(isPreloadManifest(manifest));
    // esbuild writes a static import as `from"./chunks/x.js"` or `import"./chunks/x.js"` (minified; a dynamic one is
    // `import("…")`), relative to the importing file.
    const imported = (file: string): string[] =>
      [...fs.readFileSync(path.join(webviewDir, file), 'utf8').matchAll(/\b(?:from|import)\s*"(\.\/[\w./-]+\.js)"/g)].map((match) => path.posix.join(path.posix.dirname(file), match[1]));
    const closure = new Set<string>();
    const visit = (file: string): void => {
      for (const chunk of imported(file)) {
        if (!closure.has(chunk)) {
          closure.add(chunk);
          visit(chunk);
        }
      }
    };
    visit('note.js');
    assert.ok(closure.size > 0, 'note.js imports chunks statically');
    assert.deepEqual([...manifest.pages['note.js']].sort(), [...closure].sort());
  });

  it('ships every diagram of the bundled notes drawn in light and dark, named as the SVG cache names them', () => {
    const version = JSON.parse(fs.readFileSync(path.join(repoRoot, 'dist', 'webview', 'mermaid-version.js'), 'utf8')) as string;
    const diagrams = bundledDiagrams(path.join(repoRoot, 'content', 'topics'));
    assert.ok(diagrams.size >= 30, `${diagrams.size} diagrams in the bundled notes`);
    const shipped = new Set(entries.filter((entry) => entry.startsWith('extension/dist/diagrams/')).map((entry) => path.posix.basename(entry)));
    for (const hash of diagrams.keys()) {
      for (const theme of ['light', 'dark']) {
        const name = [...shipped].find((file) => file.startsWith(svgCachePrefix(hash, theme, version)));
        assert.ok(name && /-\d+x\d+\.svg$/.test(name), `${hash} in ${theme} is in the .vsix`);
        assert.match(fs.readFileSync(path.join(repoRoot, 'dist', 'diagrams', name), 'utf8'), /^<svg[^>]*>[\s\S]*<\/svg>$/);
      }
    }
    assert.equal(shipped.size, diagrams.size * 2, 'no drawing of a diagram the notes no longer have');
  });

  it('stays within the 3 MB budget', () => {
    const bytes = fs.statSync(vsixPath()).size;
    assert.ok(bytes <= 3 * 1024 * 1024, `${bytes} bytes is over 3 MB`);
  });
});

function hashTree(dir: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else {
        hashes.set(path.relative(dir, full), createHash('sha256').update(fs.readFileSync(full)).digest('hex'));
      }
    }
  };
  walk(dir);
  return hashes;
}

describe('the production build', () => {
  it('gives identical files when run twice in a row', function () {
    this.timeout(120_000);
    const build = (): Map<string, string> => {
      const result = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: repoRoot, encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      return hashTree(path.join(repoRoot, 'dist'));
    };
    const first = build();
    const second = build();
    assert.ok(first.size > 2, 'the build wrote its bundles');
    assert.deepEqual([...second.entries()].sort(), [...first.entries()].sort());
  });

  it('keeps vscode external and minifies the extension bundle', () => {
    const bundle = fs.readFileSync(path.join(repoRoot, 'dist', 'extension.js'), 'utf8');
    assert.match(bundle, /require\("vscode"\)/);
    const lines = bundle.split('\n').length;
    assert.ok(bundle.length / lines > 500, `minified: ${lines} lines for ${bundle.length} bytes`);
    assert.doesNotMatch(bundle, /\n {2,}\w/, 'no indented source lines');
  });
});

describe('the manifest', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    engines: { vscode: string };
    activationEvents?: string[];
    devDependencies: Record<string, string>;
    main: string;
    contributes: { snippets: Array<{ language: string; path: string }> };
  };

  it('loads in VS Code 1.100 (code-server 4.100.3) with matching API types', () => {
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.match(manifest.devDependencies['@types/vscode'], /^~1\.100\./);
    assert.equal(manifest.main, './dist/extension.js');
  });

  it('contributes every drf- snippet file to TypeScript', () => {
    const files = fs.readdirSync(path.join(repoRoot, 'content', 'snippets')).filter((name) => name.endsWith('.code-snippets'));
    assert.ok(files.length > 0);
    assert.deepEqual(
      manifest.contributes.snippets.map((entry) => `${entry.language}:${entry.path}`).sort(),
      files.map((name) => `typescript:./content/snippets/${name}`).sort(),
    );
  });

  it('activates implicitly, and at startup only once startup has finished (for the first-run walkthrough), never with *', () => {
    const eager = (manifest.activationEvents ?? []).filter((event) => event === '*' || event === 'onStartupFinished');
    assert.deepEqual(eager, ['onStartupFinished']);
  });
});
