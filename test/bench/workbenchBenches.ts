import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import type { Frame } from 'playwright-core';
import { measureMap, setPanelWidth } from '../harness/architectureMap';
import { launchChromium } from '../harness/browser';
import { filesUnder } from '../harness/fixtureFiles';
import { freshTempDir, repoRoot } from '../harness/paths';
import { Workbench } from '../harness/workbench';
import { noteWithDiagrams, readmeWithDiagrams } from './generate';
import { loadedChunks, type Size } from './sizes';
import { summarize, type Timing } from './stats';

/** activate() and the first catalog load in the real extension host, one fresh host per run. */
export async function activation(runs: number): Promise<{ activate: Timing; activation: Timing; firstCatalog: Timing }> {
  const activate: number[] = [];
  const activation: number[] = [];
  const firstCatalog: number[] = [];
  for (let run = 0; run < runs; run++) {
    const scratch = freshTempDir('bench-host');
    const results = path.join(scratch, 'results.json');
    fs.mkdirSync(path.join(scratch, 'workspace'));
    const launcher = path.join(repoRoot, 'out', 'test', 'harness', 'vscodeLauncher.js');
    fs.chmodSync(launcher, 0o755);
    await runTests({
      vscodeExecutablePath: launcher,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'bench', 'hostBench.js'),
      launchArgs: [path.join(scratch, 'workspace'), `--user-data-dir=${path.join(scratch, 'ud')}`, `--extensions-dir=${path.join(scratch, 'ext')}`],
      extensionTestsEnv: { NEXUS_RESULTS_FILE: results },
    });
    const measured = JSON.parse(fs.readFileSync(results, 'utf8')) as { activateMs: number; activationMs: number; firstCatalogMs: number };
    activate.push(measured.activateMs);
    activation.push(measured.activationMs);
    firstCatalog.push(measured.firstCatalogMs);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return { activate: summarize(activate), activation: summarize(activation), firstCatalog: summarize(firstCatalog) };
}

export const DIAGRAM_COUNTS = [1, 5, 10] as const;

export interface NoteTimings {
  diagrams: number;
  firstOpen: Timing;
  reopen: Timing;
  /** Opened as the Markdown preview is, by a pick in the palette: until its text, and until every diagram. */
  byCommandText: Timing;
  byCommandDrawn: Timing;
  /** The same, for a note whose diagrams were drawn before (the persistent SVG cache holds them). */
  seenBeforeDrawn: Timing;
  markdownPreview: Timing;
  staticFloor: Timing;
}

/** A README's preview opened to the side, Nexus's against VS Code's own, on the same file (issue 17). */
export interface PreviewTimings {
  diagrams: number;
  /** From the pick of `Markdown: Open Preview to the Side` until the text shows (it draws no diagrams). */
  markdownText: Timing;
  /** From the pick of `Nexus: Open Preview to the Side` until the text shows, and until every diagram is drawn. */
  nexusText: Timing;
  nexusDrawn: Timing;
  /** From a line typed at the end of the editor until that preview shows it. */
  markdownLive: Timing;
  nexusLive: Timing;
}

/** Visualize Schema on the Django project of the tests: one keystroke in a models.py, unsaved, until it is drawn. */
export interface SchemaLiveTimings {
  models: number;
  keystroke: Timing;
}

/** A bundled note never opened in the profile, whose diagrams the build drew (dist/diagrams), against the preview. */
export interface BundledTimings {
  title: string;
  diagrams: number;
  text: Timing;
  drawn: Timing;
  markdownPreview: Timing;
}

/** The bundled note with the most diagrams; the Markdown preview opens a copy of it in the workspace. */
const BUNDLED = {
  file: 'content/topics/security/jwt-auth.md',
  copy: 'bundled-copy/jwt-auth.md',
  title: 'JWT authentication with access and refresh tokens',
  diagrams: 2,
  lastWords: 'Redis: SET with NX and EX',
};

export interface WorkbenchResults {
  treeRows: Timing;
  notes: NoteTimings[];
  bundled: BundledTimings;
  preview: PreviewTimings;
  schema: SchemaLiveTimings;
  chunks: Record<'erDiagram' | 'flowchart', Size & { files: number }>;
  architecture: { texts: number; smallestTextPx: number; parts: number; partsWithKindIcon: number; svgBytes: number };
}

/**
 * Polls the webviews' frames until one satisfies `ready`, as fast as a few ms apart. The page itself is skipped: its
 * editor shows the same markdown text a preview is waited for.
 */
async function waitForFrame(workbench: Workbench, ready: (frame: Frame) => Promise<boolean>, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of workbench.page.frames().filter((f) => f !== workbench.page.mainFrame())) {
      if (await ready(frame).catch(() => false)) {
        return frame;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await workbench.screenshot('FAILED-bench-wait').catch(() => undefined);
  throw new Error('timed out waiting for a frame (the page is in .artifacts/screenshots/FAILED-bench-wait.png)');
}

/**
 * True once the note titled `title` (any Nexus view when null) shows all `count` diagrams drawn (an image from the
 * SVG cache loaded); scrolls the next pending one into view as a fast reader would.
 */
function noteDrawn(title: string | null, count: number) {
  return (frame: Frame): Promise<boolean> =>
    frame.evaluate(
      ([wanted, n]) => {
        if (document.querySelector('#nexus-root') === null || (wanted !== null && document.querySelector('#nexus-root h1')?.textContent !== wanted)) {
          return false;
        }
        const pending = document.querySelector('.nexus-diagram:not([data-state="rendered"])');
        pending?.scrollIntoView();
        // A drawing from the SVG cache is an image: drawn once it has loaded.
        const drawn = [...document.querySelectorAll('.nexus-diagram[data-state="rendered"]')].filter((diagram) =>
          [...diagram.querySelectorAll('img')].every((image) => image.complete && image.naturalWidth > 0),
        );
        return drawn.length === n;
      },
      [title, count] as const,
    );
}

export async function workbenchBenches(runs: number): Promise<WorkbenchResults> {
  const files: Record<string, string> = {};
  for (const count of DIAGRAM_COUNTS) {
    files[`bench-notes/bench/bench-${count}.md`] = noteWithDiagrams(`bench-${count}`, count);
  }
  files[README] = readmeWithDiagrams(README_DIAGRAMS);
  files[BUNDLED.copy] = fs.readFileSync(path.join(repoRoot, BUNDLED.file), 'utf8');
  Object.assign(files, filesUnder(DJANGO_PROJECT, 'schema-project/'));
  files['bench-notes/bench/only-er.md'] = '---\nid: only-er\ntitle: Only ER\nsummary: s\norder: 20\nlevel: beginner\n---\n# Only ER\n\n```mermaid\nerDiagram\n  A ||--o{ B : has\n```\n';
  files['bench-notes/bench/only-flow.md'] = '---\nid: only-flow\ntitle: Only flowchart\nsummary: s\norder: 21\nlevel: beginner\n---\n# Only flowchart\n\n```mermaid\nflowchart LR\n  A --> B\n```\n';
  const workbench = await Workbench.open({ workspaceFiles: files, settings: { 'nexus.notesFolders': ['bench-notes'] } });
  try {
    const treeRows: number[] = [];
    for (let run = 0; run < runs; run++) {
      await workbench.load();
      const start = Date.now();
      await workbench.activityIcon('Nexus').click();
      await workbench.page.getByRole('treeitem').first().waitFor();
      treeRows.push(Date.now() - start);
      // Leave the view closed so the next reload starts the same way.
      await workbench.activityIcon('Explorer').click();
    }
    await workbench.openNexus();
    await workbench.expand(/^bench/);

    const open = async (title: string, count: number): Promise<number> => {
      const start = Date.now();
      await workbench.treeItem(new RegExp(`^${title}`)).click();
      await waitForFrame(workbench, noteDrawn(title, count));
      return Date.now() - start;
    };
    /** As the Markdown preview is timed: from the pick in the palette (Go to Topic) until the text, and until every diagram. */
    const openByCommand = async (title: string, count: number, lastWords = LAST_WORDS): Promise<{ text: number; drawn: number }> => {
      await workbench.runCommand('Nexus: Go to Topic…');
      await workbench.page.locator('.quick-input-widget input[placeholder^="Search topics"]').filter({ visible: true }).fill(title);
      const row = workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).filter({ visible: true }).first();
      await row.waitFor();
      const start = Date.now();
      await row.click();
      await waitForFrame(workbench, textShown(lastWords));
      const text = Date.now() - start;
      await waitForFrame(workbench, noteDrawn(title, count));
      return { text, drawn: Date.now() - start };
    };
    const closeNotes = async (): Promise<void> => {
      await workbench.runCommand('View: Close All Editors');
      await workbench.page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached' });
    };

    // Which mermaid chunks a note with only one diagram type makes the webview load.
    const chunks = {} as WorkbenchResults['chunks'];
    for (const [kind, title] of [['erDiagram', 'Only ER'], ['flowchart', 'Only flowchart']] as const) {
      await closeNotes();
      await open(title, 1);
      const frame = await waitForFrame(workbench, noteDrawn(title, 1));
      chunks[kind] = loadedChunks(await frame.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name)));
    }

    // Nexus's global storage in the workbench's fresh profile.
    const svgCache = path.join(path.dirname(workbench.workspace), 'user-data', 'User', 'globalStorage', 'project-nexus.project-nexus', 'svg-cache');
    const notes: NoteTimings[] = [];
    const browser = await launchChromium();
    try {
      for (const count of DIAGRAM_COUNTS) {
        const title = `Bench ${count} diagrams`;
        const firstOpen: number[] = [];
        const reopen: number[] = [];
        const byCommandText: number[] = [];
        const byCommandDrawn: number[] = [];
        const seenBeforeDrawn: number[] = [];
        for (let run = 0; run < runs; run++) {
          await closeNotes();
          fs.rmSync(svgCache, { recursive: true, force: true });
          firstOpen.push(await open(title, count));
          await open('Only ER', 1);
          reopen.push(await open(title, count));
          // Never drawn before: the persistent SVG cache emptied first.
          await closeNotes();
          fs.rmSync(svgCache, { recursive: true, force: true });
          const byCommand = await openByCommand(title, count);
          byCommandText.push(byCommand.text);
          byCommandDrawn.push(byCommand.drawn);
          // Drawn before (as after a restart): the panel closed, the cache kept.
          await workbench.page.waitForTimeout(500);
          await closeNotes();
          seenBeforeDrawn.push((await openByCommand(title, count)).drawn);
        }
        notes.push({
          diagrams: count,
          firstOpen: summarize(firstOpen),
          reopen: summarize(reopen),
          byCommandText: summarize(byCommandText),
          byCommandDrawn: summarize(byCommandDrawn),
          seenBeforeDrawn: summarize(seenBeforeDrawn),
          markdownPreview: await markdownPreview(workbench, `bench-${count}.md`, runs),
          staticFloor: await staticFloor(browser, noteWithDiagrams('floor', count), runs),
        });
      }
    } finally {
      await browser.close();
    }
    const bundledText: number[] = [];
    const bundledDrawn: number[] = [];
    for (let run = 0; run < runs; run++) {
      await closeNotes();
      fs.rmSync(svgCache, { recursive: true, force: true });
      const opened = await openByCommand(BUNDLED.title, BUNDLED.diagrams, BUNDLED.lastWords);
      bundledText.push(opened.text);
      bundledDrawn.push(opened.drawn);
    }
    const bundled: BundledTimings = {
      title: BUNDLED.title,
      diagrams: BUNDLED.diagrams,
      text: summarize(bundledText),
      drawn: summarize(bundledDrawn),
      markdownPreview: await markdownPreview(workbench, BUNDLED.copy, runs, BUNDLED.lastWords),
    };
    await closeNotes();
    const preview = await previewToTheSide(workbench, runs);
    const schema = await schemaLiveUpdate(workbench, runs);
    // The architecture map as a learner reads it in a 1,000-px panel.
    await closeNotes();
    await workbench.runCommand('Nexus: Open Architecture');
    const frame = await waitForFrame(workbench, (f) => f.evaluate(() => document.querySelector('.nexus-arch-diagram .nexus-diagram[data-state="rendered"] svg.nexus-map') !== null));
    await setPanelWidth(workbench, frame, 1000);
    const map = await measureMap(frame);
    const architecture = {
      texts: map.texts.length,
      smallestTextPx: Math.min(...map.texts.map((text) => text.px)),
      parts: map.parts.length,
      partsWithKindIcon: map.parts.filter((part) => part.icon === part.kind).length,
      svgBytes: await frame.evaluate(() => document.querySelector('svg.nexus-map')?.outerHTML.length ?? 0),
    };
    return { treeRows: summarize(treeRows), notes, bundled, preview, schema, chunks, architecture };
  } finally {
    await workbench.close();
  }
}

const LAST_WORDS = 'The last words of the note.';

/** The note's text is all there (its last words show), in a Nexus note or in VS Code's preview. */
function textShown(lastWords = LAST_WORDS) {
  return (frame: Frame): Promise<boolean> => frame.evaluate((words) => document.body?.innerText.includes(words) ?? false, lastWords);
}

/** With every editor closed, opens `file` in the editor (Quick Open) and shows it. */
async function openFile(workbench: Workbench, file: string): Promise<void> {
  await workbench.runCommand('View: Close All Editors');
  await workbench.openFile(file);
}

/** Picks the command titled exactly `title` in the palette; returns the time of the pick, where timings start. */
async function pickCommand(workbench: Workbench, title: string): Promise<number> {
  await workbench.page.locator('.monaco-workbench').press('F1');
  await workbench.page.locator('.quick-input-widget input').filter({ visible: true }).fill(`>${title}`);
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = workbench.page.locator('.quick-input-list .monaco-list-row').filter({ has: workbench.page.locator('.label-name', { hasText: exact }) }).first();
  await row.waitFor();
  const start = Date.now();
  await row.click();
  return start;
}

/** VS Code's own Markdown preview of the same file: the time until its text is there (it draws no diagrams). */
async function markdownPreview(workbench: Workbench, file: string, runs: number, lastWords = LAST_WORDS): Promise<Timing> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    await openFile(workbench, file);
    // Timed from the pick in the palette, as Nexus's Go to Topic is.
    const start = await pickCommand(workbench, 'Markdown: Open Preview');
    await waitForFrame(workbench, textShown(lastWords));
    samples.push(Date.now() - start);
  }
  return summarize(samples);
}

const README = 'docs/README.md';
const README_DIAGRAMS = 3;

/**
 * Types a line of its own at the end of the editor, unsaved, and returns the time until a preview shows it; then
 * reverts the file, so the next run starts from the same text and closing asks nothing.
 */
async function typedLineShown(workbench: Workbench, line: string): Promise<number> {
  await workbench.page.locator('.editor-instance .monaco-editor textarea').first().focus();
  await workbench.page.keyboard.press('Control+End');
  // One input event for the whole line, as ownNotes' e2e test types: the time is the preview's, not the keyboard's.
  const start = Date.now();
  await workbench.page.keyboard.insertText(`\n${line}\n`);
  await waitForFrame(workbench, (frame) => frame.evaluate((text) => document.body?.innerText.includes(text) ?? false, line));
  const shown = Date.now() - start;
  await workbench.runCommand('File: Revert File');
  return shown;
}

/** README.md opened, then each preview to the side from the palette, interleaved run by run so both see the same machine. */
export async function previewToTheSide(workbench: Workbench, runs: number): Promise<PreviewTimings> {
  const samples = { markdownText: [] as number[], nexusText: [] as number[], nexusDrawn: [] as number[], markdownLive: [] as number[], nexusLive: [] as number[] };
  for (let run = 0; run < runs; run++) {
    await openFile(workbench, README);
    let start = await pickCommand(workbench, 'Markdown: Open Preview to the Side');
    await waitForFrame(workbench, textShown());
    samples.markdownText.push(Date.now() - start);
    samples.markdownLive.push(await typedLineShown(workbench, `Typed for the Markdown preview in run ${run}.`));

    await openFile(workbench, README);
    start = await pickCommand(workbench, 'Nexus: Open Preview to the Side');
    await waitForFrame(workbench, textShown());
    samples.nexusText.push(Date.now() - start);
    await waitForFrame(workbench, noteDrawn(null, README_DIAGRAMS));
    samples.nexusDrawn.push(Date.now() - start);
    samples.nexusLive.push(await typedLineShown(workbench, `Typed for the Nexus preview in run ${run}.`));
  }
  return {
    diagrams: README_DIAGRAMS,
    markdownText: summarize(samples.markdownText),
    nexusText: summarize(samples.nexusText),
    nexusDrawn: summarize(samples.nexusDrawn),
    markdownLive: summarize(samples.markdownLive),
    nexusLive: summarize(samples.nexusLive),
  };
}

const DJANGO_PROJECT = path.join(repoRoot, 'test', 'fixtures', 'schema', 'django');

/** True once the schema panel's drawn diagram has a label reading exactly `label` (an entity, a field). */
function schemaLabel(label: string) {
  return (frame: Frame): Promise<boolean> =>
    frame.evaluate(
      (wanted) => [...document.querySelectorAll('.nexus-schema-diagram .nexus-diagram[data-state="rendered"] svg *')].some((node) => node.childElementCount === 0 && node.textContent?.trim() === wanted),
      label,
    );
}

/**
 * Visualize Schema beside catalog/models/tag.py, then per run: a field typed in (one input event) and drawn, then ONE
 * keystroke that renames it, timed until the diagram shows the new name (debounce, parse, mermaid layout, redraw).
 */
export async function schemaLiveUpdate(workbench: Workbench, runs: number): Promise<SchemaLiveTimings> {
  await openFile(workbench, 'schema-project/catalog/models/tag.py');
  await pickCommand(workbench, 'Nexus: Visualize Schema');
  const frame = await waitForFrame(workbench, schemaLabel('Tag'));
  const models = await frame.evaluate(() => document.querySelectorAll('.nexus-schema-diagram g.node[data-entity]').length);
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const field = `bench${run}fiel`;
    await workbench.page.locator('.editor-instance .monaco-editor textarea').first().focus();
    await workbench.page.keyboard.press('Control+Home');
    for (let line = 1; line < 5; line++) {
      await workbench.page.keyboard.press('ArrowDown');
    }
    await workbench.page.keyboard.press('End');
    // Enter indents the new line as the class body; the field then comes in one input event.
    await workbench.page.keyboard.press('Enter');
    await workbench.page.keyboard.insertText(`${field} = models.IntegerField(default=0)`);
    await waitForFrame(workbench, schemaLabel(field));
    await workbench.page.keyboard.press('Home');
    for (let step = 0; step < field.length; step++) {
      await workbench.page.keyboard.press('ArrowRight');
    }
    const start = Date.now();
    await workbench.page.keyboard.type('d');
    await waitForFrame(workbench, schemaLabel(`${field}d`));
    samples.push(Date.now() - start);
    // The field's line deleted (the cursor is on it), so every run starts from the same file.
    await workbench.page.keyboard.press('Control+Shift+K');
    await waitForFrame(workbench, async (f) => (await schemaLabel('Tag')(f)) && !(await schemaLabel(`${field}d`)(f)));
  }
  return { models, keystroke: summarize(samples) };
}

/** The floor: a static page holding the same diagrams as SVG drawn beforehand, from navigation to load. */
async function staticFloor(browser: Awaited<ReturnType<typeof launchChromium>>, markdown: string, runs: number): Promise<Timing> {
  const page = await browser.newPage();
  await page.setContent('<!DOCTYPE html><body></body>');
  await page.addScriptTag({ content: fs.readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8') });
  const sources = [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1]);
  const svgs = await page.evaluate(async (list) => {
    const mermaid = (window as unknown as { mermaid: { initialize(c: object): void; render(id: string, s: string): Promise<{ svg: string }> } }).mermaid;
    mermaid.initialize({ startOnLoad: false });
    const out: string[] = [];
    for (const [index, source] of list.entries()) {
      out.push((await mermaid.render(`floor${index}`, source)).svg);
    }
    return out;
  }, sources);
  const html = `<!DOCTYPE html><html><body>${svgs.map((svg, index) => `<h2>Part ${index}</h2><p>Some text.</p>${svg}`).join('')}</body></html>`;
  const file = path.join(freshTempDir('bench-floor'), 'floor.html');
  fs.writeFileSync(file, html);
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const fresh = await browser.newPage();
    const start = Date.now();
    await fresh.goto(`file://${file}`, { waitUntil: 'load' });
    samples.push(Date.now() - start);
    await fresh.close();
  }
  await page.close();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return summarize(samples);
}
