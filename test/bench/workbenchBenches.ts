import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import type { Frame } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { freshTempDir, repoRoot } from '../harness/paths';
import { Workbench } from '../harness/workbench';
import { noteWithDiagrams } from './generate';
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
  markdownPreview: Timing;
  staticFloor: Timing;
}

export interface WorkbenchResults {
  treeRows: Timing;
  notes: NoteTimings[];
  chunks: Record<'erDiagram' | 'flowchart', Size & { files: number }>;
}

/** Polls every frame of the page until one satisfies `ready`, as fast as a few ms apart. */
async function waitForFrame(workbench: Workbench, ready: (frame: Frame) => Promise<boolean>, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of workbench.page.frames()) {
      if (await ready(frame).catch(() => false)) {
        return frame;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('timed out waiting for a frame');
}

/** True once the note titled `title` shows all `count` diagrams drawn; scrolls the next pending one into view as a fast reader would. */
function noteDrawn(title: string, count: number) {
  return (frame: Frame): Promise<boolean> =>
    frame.evaluate(
      ([wanted, n]) => {
        if (document.querySelector('#nexus-root h1')?.textContent !== wanted) {
          return false;
        }
        const pending = document.querySelector('.nexus-diagram:not([data-state="rendered"])');
        pending?.scrollIntoView();
        return document.querySelectorAll('.nexus-diagram[data-state="rendered"]').length === n;
      },
      [title, count] as const,
    );
}

export async function workbenchBenches(runs: number): Promise<WorkbenchResults> {
  const files: Record<string, string> = {};
  for (const count of DIAGRAM_COUNTS) {
    files[`bench-notes/bench/bench-${count}.md`] = noteWithDiagrams(`bench-${count}`, count);
  }
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

    const notes: NoteTimings[] = [];
    const browser = await launchChromium();
    try {
      for (const count of DIAGRAM_COUNTS) {
        const title = `Bench ${count} diagrams`;
        const firstOpen: number[] = [];
        const reopen: number[] = [];
        for (let run = 0; run < runs; run++) {
          await closeNotes();
          firstOpen.push(await open(title, count));
          await open('Only ER', 1);
          reopen.push(await open(title, count));
        }
        notes.push({
          diagrams: count,
          firstOpen: summarize(firstOpen),
          reopen: summarize(reopen),
          markdownPreview: await markdownPreview(workbench, `bench-${count}.md`, runs),
          staticFloor: await staticFloor(browser, noteWithDiagrams('floor', count), runs),
        });
      }
    } finally {
      await browser.close();
    }
    return { treeRows: summarize(treeRows), notes, chunks };
  } finally {
    await workbench.close();
  }
}

/** VS Code's own Markdown preview of the same file: the time until its text is there (it draws no diagrams). */
async function markdownPreview(workbench: Workbench, file: string, runs: number): Promise<Timing> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    await workbench.runCommand('View: Close All Editors');
    await workbench.page.locator('.monaco-workbench').press('Control+P');
    await workbench.page.locator('.quick-input-widget input').fill(file);
    await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().click();
    await workbench.page.locator('.tab.active', { hasText: file }).waitFor();
    const start = Date.now();
    await workbench.runCommand('Markdown: Open Preview');
    await waitForFrame(workbench, (frame) => frame.evaluate(() => document.body?.innerText.includes('The last words of the note.') ?? false));
    samples.push(Date.now() - start);
  }
  return summarize(samples);
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
