/**
 * `npm run bench`: what learners feel, measured in the same code-server + Chromium harness as the e2e tests,
 * each timing as median and range over several runs, with its baseline measured in the same run. Writes
 * BENCHMARKS.md (committed) and .artifacts/bench.json. Targets are reported, never tuned for.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderThroughput, scale } from '../bench/nodeBenches';
import { extensionBundle, initialScript, vsix } from '../bench/sizes';
import { kb, ms, range } from '../bench/stats';
import { activation, workbenchBenches } from '../bench/workbenchBenches';
import { CHROMIUM } from './browser';
import { CODE_SERVER_VERSION } from './codeServer';
import { artifactsDir, repoRoot } from './paths';

const RUNS = Number(process.env.NEXUS_BENCH_RUNS ?? 5);

function verdict(ok: boolean): string {
  return ok ? 'met' : '**missed**';
}

async function main(): Promise<void> {
  console.log('bench: sizes, renderer, catalogs…');
  const sizes = { extension: extensionBundle(), noteScript: initialScript('note.js'), architectureScript: initialScript('architecture.js'), vsix: vsix() };
  const render = await renderThroughput();
  const catalogs = await scale([35, 1000, 5000, 10000]);
  console.log('bench: activation in the extension host…');
  const host = await activation(3);
  console.log('bench: the workbench (tree, notes, baselines)…');
  const workbench = await workbenchBenches(RUNS);

  const renderRatio = render.nexus.median / render.markdownIt.median;
  const lines = [
    '# Benchmarks',
    '',
    `Made by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version},`,
    `code-server ${CODE_SERVER_VERSION}, ${execFileSync(CHROMIUM, ['--version']).toString().trim()}. Timings are medians with min–max over the runs shown;`,
    'each baseline ran in the same session, so compare ratios, not absolute numbers across machines.',
    '',
    '## Sizes',
    '',
    '| What | Bytes | gzip | Budget |',
    '| --- | --- | --- | --- |',
    `| dist/extension.js | ${kb(sizes.extension.bytes)} | ${kb(sizes.extension.gzip)} | |`,
    `| Initial note webview script (note.js + static imports, mermaid excluded) | ${kb(sizes.noteScript.bytes)} | ${kb(sizes.noteScript.gzip)} | ≤ 60 KB gzip: ${verdict(sizes.noteScript.gzip <= 60 * 1024)} |`,
    `| Initial architecture webview script | ${kb(sizes.architectureScript.bytes)} | ${kb(sizes.architectureScript.gzip)} | ≤ 60 KB gzip: ${verdict(sizes.architectureScript.gzip <= 60 * 1024)} |`,
    `| Scripts loaded for a note with one erDiagram (${workbench.chunks.erDiagram.files} files) | ${kb(workbench.chunks.erDiagram.bytes)} | ${kb(workbench.chunks.erDiagram.gzip)} | |`,
    `| Scripts loaded for a note with one flowchart (${workbench.chunks.flowchart.files} files) | ${kb(workbench.chunks.flowchart.bytes)} | ${kb(workbench.chunks.flowchart.gzip)} | |`,
    `| project-nexus .vsix | ${kb(sizes.vsix.bytes)} | (zip) | ≤ 3 MB: ${verdict(sizes.vsix.bytes <= 3 * 1024 * 1024)} |`,
    '',
    '## Activation',
    '',
    '| What | Time | Target |',
    '| --- | --- | --- |',
    `| Time spent in \`activate()\` in the real extension host | ${range(host.activate)} | ≤ 10 ms: ${verdict(host.activate.median <= 10)} |`,
    `| Whole activation as the host sees it (loading the 310 KB bundle included) | ${range(host.activation)} | |`,
    `| First catalog load after activation (35 notes, through vscode.workspace.fs) | ${range(host.firstCatalog)} | |`,
    `| Click on the Nexus icon → Topics rows shown (workbench already up) | ${range(workbench.treeRows)} | |`,
    '',
    '## Note open → every diagram drawn',
    '',
    'From the click on the topic in the tree until every diagram of the note is an SVG (the harness scrolls each',
    'pending diagram into view, as a fast reader would). First open: no note panel open before. Re-open: the panel',
    'showed another note, then this one again. Baselines: VS Code\'s own Markdown preview of the same file (text',
    'only, it draws no diagrams) and a static page with the same diagrams as SVG drawn beforehand (the floor).',
    '',
    '| Diagrams | First open | Re-open | Markdown preview (text only) | Static SVG page (floor) | First open ÷ floor | Target |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...workbench.notes.map((note) => {
      const target = note.diagrams === 10 ? `first ≤ 1.0 s: ${verdict(note.firstOpen.median <= 1000)}; re-open ≤ 0.3 s: ${verdict(note.reopen.median <= 300)}` : '';
      return `| ${note.diagrams} | ${range(note.firstOpen)} | ${range(note.reopen)} | ${range(note.markdownPreview)} | ${range(note.staticFloor)} | ${(note.firstOpen.median / note.staticFloor.median).toFixed(1)}× | ${target} |`;
    }),
    '',
    '## Rendering throughput',
    '',
    '| Renderer, same 20 KB of real notes | Per render | Ratio | Target |',
    '| --- | --- | --- | --- |',
    `| Nexus renderNote (allow-list, anchors, links, highlight.js) | ${range(render.nexus)} | ${renderRatio.toFixed(2)}× | ≤ 1.25×: ${verdict(renderRatio <= 1.25)} |`,
    `| bare markdown-it | ${range(render.markdownIt)} | 1.00× | |`,
    '',
    '## Scale',
    '',
    '| Topics | Load (disk → catalog) | Heap held | Search p50 | Search p95 | Targets |',
    '| --- | --- | --- | --- | --- | --- |',
    ...catalogs.map(
      (row) =>
        `| ${row.topics.toLocaleString('en')} | ${range(row.load)} | ${row.heapMb.toFixed(1)} MB | ${ms(row.searchP50)} | ${ms(row.searchP95)} | ${
          row.topics === 10000 ? `load ≤ 1 s: ${verdict(row.load.median <= 1000)}; p95 ≤ 20 ms: ${verdict(row.searchP95 <= 20)}` : ''
        } |`,
    ),
    '',
  ];
  fs.writeFileSync(path.join(repoRoot, 'BENCHMARKS.md'), lines.join('\n'));
  fs.mkdirSync(artifactsDir, { recursive: true });
  fs.writeFileSync(path.join(artifactsDir, 'bench.json'), JSON.stringify({ sizes, render, catalogs, host, workbench }, null, 2));
  console.log(lines.join('\n'));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
