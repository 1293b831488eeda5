/**
 * `npm run bench`: what learners feel, measured in the same code-server + Chromium harness as the e2e tests,
 * each timing as median and range over several runs, with its baseline measured in the same run. Writes
 * BENCHMARKS.md (committed) and .artifacts/bench.json. Targets are reported, never tuned for.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { catalogCache, DJANGO_PARSE_BUDGET_MS, djangoSchema, FIRST_LOAD_BUDGET_MS, LATER_LOAD_BUDGET_MS, renderThroughput, scale } from '../bench/nodeBenches';
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

/**
 * The sections of the current BENCHMARKS.md that this script does not measure (parity, mutation testing: written
 * from other runs), so that a bench run replaces its own sections and keeps those, in their order, after its own.
 */
function keptSections(file: string, generated: string[]): string {
  if (!fs.existsSync(file)) {
    return '';
  }
  const own = new Set(generated.filter((line) => line.startsWith('## ')));
  const sections = fs.readFileSync(file, 'utf8').split(/^(?=## )/m).slice(1);
  return sections.filter((section) => !own.has(section.slice(0, section.indexOf('\n')))).join('');
}

/** Issue 13: a keystroke in the learner's models to the redrawn diagram. */
const SCHEMA_LIVE_BUDGET_MS = 500;

async function main(): Promise<void> {
  console.log('bench: sizes, renderer, catalogs…');
  const sizes = { extension: extensionBundle(), noteScript: initialScript('note.js'), architectureScript: initialScript('architecture.js'), vsix: vsix() };
  const render = await renderThroughput();
  const catalogs = await scale([35, 1000, 5000, 10000]);
  const catalogIndex = await catalogCache(10000, RUNS);
  const schema = await djangoSchema();
  console.log('bench: activation in the extension host…');
  const host = await activation(3);
  console.log('bench: the workbench (tree, notes, baselines)…');
  const workbench = await workbenchBenches(RUNS);

  const renderRatio = render.nexus.median / render.markdownIt.median;
  const coldRatio = render.nexusCold.median / render.markdownItCold.median;
  const deferredRatio = render.nexusDeferred.median / render.markdownItDeferred.median;
  const { preview } = workbench;
  const previewRatio = (timing: { median: number }, baseline: { median: number }): string => `${(timing.median / baseline.median).toFixed(2)}×`;
  const parseRatio = schema.parse.min / DJANGO_PARSE_BUDGET_MS;
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
    'Triggered the same way for Nexus and for the baseline, from the pick in the command palette until done, with no',
    'panel of that kind open before: Nexus by `Nexus: Go to Topic…` (until the text, and until every diagram is an',
    'SVG; the harness scrolls each pending diagram into view, as a fast reader would), VS Code\'s own Markdown preview',
    'by `Markdown: Open Preview` on the same file (until the text: it draws no diagrams). Re-open: from a click in the',
    'Topics tree while the panel shows another note. The floor is a static page with the same diagrams as SVG drawn beforehand.',
    '',
    '| Diagrams | Markdown preview: text | Nexus: text | Nexus: every diagram, never drawn before | ÷ preview | Nexus: every diagram, drawn before (SVG cache) | ÷ preview | Re-open | ÷ preview | First open from the tree | Static SVG page (floor) | Targets |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...workbench.notes.map((note) => {
      const ratio = (timing: { median: number }): number => timing.median / note.markdownPreview.median;
      const target =
        note.diagrams === 10
          ? `all drawn ≤ 1.0×: never drawn before ${verdict(ratio(note.byCommandDrawn) <= 1)}, drawn before ${verdict(ratio(note.seenBeforeDrawn) <= 1)}; re-open ≤ 0.3×: ${verdict(ratio(note.reopen) <= 0.3)}`
          : '';
      return `| ${note.diagrams} | ${range(note.markdownPreview)} | ${range(note.byCommandText)} | ${range(note.byCommandDrawn)} | ${ratio(note.byCommandDrawn).toFixed(2)}× | ${range(note.seenBeforeDrawn)} | ${ratio(note.seenBeforeDrawn).toFixed(2)}× | ${range(note.reopen)} | ${ratio(note.reopen).toFixed(2)}× | ${range(note.firstOpen)} | ${range(note.staticFloor)} | ${target} |`;
    }),
    '',
    `A bundled note never opened in the profile (SVG cache emptied before each run): "${workbench.bundled.title}", ${workbench.bundled.diagrams}`,
    'diagrams, which the build drew in light and dark (dist/diagrams); the Markdown preview opens a copy of the same file.',
    '',
    '| Note | Markdown preview: text | Nexus: text | Nexus: every diagram | ÷ preview | Target |',
    '| --- | --- | --- | --- | --- | --- |',
    (() => {
      const { bundled } = workbench;
      const ratio = bundled.drawn.median / bundled.markdownPreview.median;
      return `| bundled, ${bundled.diagrams} diagrams | ${range(bundled.markdownPreview)} | ${range(bundled.text)} | ${range(bundled.drawn)} | ${ratio.toFixed(2)}× | all drawn ≤ 1.0×: ${verdict(ratio <= 1)} |`;
    })(),
    '',
    '## Preview of a README to the side',
    '',
    `The same README (${preview.diagrams} Mermaid diagrams, 30 more sections), opened in the editor, then each preview picked in the`,
    'command palette: VS Code\'s `Markdown: Open Preview to the Side` (shows the text; draws no diagrams) and',
    '`Nexus: Open Preview to the Side`, timed from the pick until the last line of the text shows, and for Nexus until',
    'every diagram is an SVG too. Live update: a line typed at the end of the editor (unsaved) until that preview shows it.',
    '',
    '| What | Markdown preview | Nexus | ÷ Markdown preview |',
    '| --- | --- | --- | --- |',
    `| Pick → text shown | ${range(preview.markdownText)} | ${range(preview.nexusText)} | ${previewRatio(preview.nexusText, preview.markdownText)} |`,
    `| Pick → every diagram drawn (Nexus), against the Markdown preview's text | ${range(preview.markdownText)} | ${range(preview.nexusDrawn)} | ${previewRatio(preview.nexusDrawn, preview.markdownText)} |`,
    `| Line typed → shown in the preview | ${range(preview.markdownLive)} | ${range(preview.nexusLive)} | ${previewRatio(preview.nexusLive, preview.markdownLive)} |`,
    '',
    '## Architecture map',
    '',
    'Nexus: Open Architecture in a panel 1,000 px wide, every text of the map measured on screen (font size × the',
    'scale it is drawn at).',
    '',
    '| What | Measured | Target |',
    '| --- | --- | --- |',
    `| Smallest text on screen, of ${workbench.architecture.texts} (parts, connections, zones) | ${workbench.architecture.smallestTextPx.toFixed(1)} px | ≥ 11 px: ${verdict(workbench.architecture.smallestTextPx >= 11)} |`,
    `| Parts showing the icon of their kind | ${workbench.architecture.partsWithKindIcon} of ${workbench.architecture.parts} | all: ${verdict(workbench.architecture.partsWithKindIcon === workbench.architecture.parts)} |`,
    `| The map's SVG (drawn by Nexus, no mermaid) | ${kb(workbench.architecture.svgBytes)} | |`,
    '',
    '## Rendering throughput',
    '',
    'Re-render: the same note again (on save, as a preview\'s author types, on re-open), where highlighted blocks',
    'come from the highlight cache. First render: every code block new to the renderer. The note panels, the preview',
    'and the portfolio render with `deferHighlight`: a block never highlighted before goes out plain with the text, and',
    'its colours follow in a `highlight` message once the text is on its way (the e2e note test waits for them).',
    '',
    '| Renderer, same 20 KB of real notes | Per render | Ratio | Target |',
    '| --- | --- | --- | --- |',
    `| Nexus renderNote, re-render (allow-list, anchors, links, highlight.js cached by block) | ${range(render.nexus)} | ${renderRatio.toFixed(2)}× | ≤ 1.5×: ${verdict(renderRatio <= 1.5)} |`,
    `| bare markdown-it | ${range(render.markdownIt)} | 1.00× | |`,
    `| Nexus renderNote, first render as the panels do it (new blocks plain, coloured after) | ${range(render.nexusDeferred)} | ${deferredRatio.toFixed(2)}× | ≤ 1.5×: ${verdict(deferredRatio <= 1.5)} |`,
    `| bare markdown-it, the same fresh notes | ${range(render.markdownItDeferred)} | 1.00× | |`,
    `| … then, off the critical path: highlighting the blocks it left plain | ${range(render.highlightAfter)} | | |`,
    `| For comparison: first render with every block highlighted inline | ${range(render.nexusCold)} | ${coldRatio.toFixed(2)}× | |`,
    `| bare markdown-it, the same fresh notes | ${range(render.markdownItCold)} | 1.00× | |`,
    '',
    '## Schema reader',
    '',
    'A Django project of 10 apps × 20 models (FK, M2M, Meta.indexes, unique_together each; the unit tests read the same one):',
    `${schema.models} models and ${schema.relations} relations. Best of ${schema.parse.runs} runs after a first one (shown apart), median and range beside it.`,
    '',
    '| What | Best | Median (range) | ÷ budget | Budget |',
    '| --- | --- | --- | --- | --- |',
    `| parseDjango, 200 models | ${ms(schema.parse.min)} | ${range(schema.parse)} | ${parseRatio.toFixed(2)}× | ≤ ${DJANGO_PARSE_BUDGET_MS} ms: ${verdict(parseRatio <= 1)} |`,
    `| parseDjango, first run in the process | ${ms(schema.coldParse)} | | ${(schema.coldParse / DJANGO_PARSE_BUDGET_MS).toFixed(2)}× | |`,
    `| toMermaid on what it read | ${ms(schema.toMermaid.min)} | ${range(schema.toMermaid)} | | |`,
    '',
    `Live update in VS Code: Visualize Schema beside the e2e test's Django project (${workbench.schema.models} entities drawn), one keystroke`,
    'renaming a field in catalog/models/tag.py (unsaved) until the diagram shows the new name: debounce, parse, mermaid, redraw.',
    'Beside it, from the same run, a line typed into a README until each preview shows it (no diagram to redraw there).',
    '',
    '| What | Median (range) | ÷ budget | Budget |',
    '| --- | --- | --- | --- |',
    `| Keystroke → redrawn ER diagram | ${range(workbench.schema.keystroke)} | ${(workbench.schema.keystroke.median / SCHEMA_LIVE_BUDGET_MS).toFixed(2)}× | ≤ ${SCHEMA_LIVE_BUDGET_MS} ms: ${verdict(workbench.schema.keystroke.median <= SCHEMA_LIVE_BUDGET_MS)} |`,
    `| For comparison: line typed → shown, VS Code's Markdown preview | ${range(preview.markdownLive)} | | |`,
    `| For comparison: line typed → shown, Nexus preview | ${range(preview.nexusLive)} | | |`,
    '',
    '## Scale',
    '',
    '| Topics | Load (disk → catalog) | Heap held | Search p50 | Search p95 | Targets |',
    '| --- | --- | --- | --- | --- | --- |',
    ...catalogs.map(
      (row) =>
        `| ${row.topics.toLocaleString('en')} | ${range(row.load)} | ${row.heapMb.toFixed(1)} MB | ${ms(row.searchP50)} | ${ms(row.searchP95)} | ${
          row.topics === 10000 ? `p95 ≤ 20 ms: ${verdict(row.searchP95 <= 20)}` : ''
        } |`,
    ),
    `| 10,000, a session's first load (no index yet: every note stat-ed, read, parsed) | ${range(catalogIndex.first)} | | | | ≤ ${FIRST_LOAD_BUDGET_MS / 1000} s: ${verdict(catalogIndex.first.median <= FIRST_LOAD_BUDGET_MS)} |`,
    `| 10,000, a later load (index warm: every note stat-ed, none read) | ${range(catalogIndex.later)} | | | | ≤ ${LATER_LOAD_BUDGET_MS / 1000} s: ${verdict(catalogIndex.later.median <= LATER_LOAD_BUDGET_MS)} |`,
    '',
    'Rows by topic count are `loadCatalog` alone; the two 10,000 rows below them load the way the extension does: read the',
    `catalog index from global storage (${(catalogIndex.indexBytes / 2 ** 20).toFixed(1)} MB for 10,000 notes), load with it, and write the new index`,
    `after the load, off the critical path (${range(catalogIndex.write)}). A note is taken from the index only when its path, size`,
    'and mtime match, and one saved in the last 2 s is never put in it.',
    '',
  ];
  const report = path.join(repoRoot, 'BENCHMARKS.md');
  fs.writeFileSync(report, lines.join('\n') + keptSections(report, lines));
  fs.mkdirSync(artifactsDir, { recursive: true });
  fs.writeFileSync(path.join(artifactsDir, 'bench.json'), JSON.stringify({ sizes, render, catalogs, catalogIndex, schema, host, workbench }, null, 2));
  console.log(lines.join('\n'));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
