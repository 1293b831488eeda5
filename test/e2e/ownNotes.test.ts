import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { useWorkbench, type Workbench } from '../harness/workbench';

/** A project README as learners write them: prose, a diagram, and enough sections to scroll. */
const README = [
  '# Blog API',
  '',
  'The service behind the blog, with its schema:',
  '',
  '```mermaid',
  'erDiagram',
  '  AUTHOR ||--o{ POST : writes',
  '  POST ||--o{ COMMENT : has',
  '```',
  '',
  ...Array.from({ length: 40 }, (_, i) => [`## Section ${i + 1}`, '', `Paragraph ${i + 1} says what part ${i + 1} of the service does, in a sentence long enough to wrap once.`, '']).flat(),
].join('\n');

/** The first line the editor shows at its top, read from its gutter (sticky-scroll headers aside), as the learner sees it. */
function firstVisibleEditorLine(): number {
  const editor = document.querySelector('.editor-instance .monaco-editor');
  const top = editor?.getBoundingClientRect().top ?? 0;
  const visible = [...(editor?.querySelectorAll('.margin-view-overlays .line-numbers') ?? [])]
    .map((element) => ({ top: element.getBoundingClientRect().top, line: Number(element.textContent) }))
    .filter((entry) => Number.isFinite(entry.line) && entry.top >= top - 2)
    .sort((a, b) => a.top - b.top);
  return visible[0]?.line ?? 0;
}

/** The preview of a markdown file: the Nexus webview whose title heading, marked with its source line, has this text. */
async function previewFrame(workbench: Workbench, title: string): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const frame of workbench.page.frames()) {
      const heading = await frame.$('#nexus-root h1[data-line]').catch(() => null);
      if (heading && (await heading.textContent().catch(() => ''))?.includes(title)) {
        return frame;
      }
    }
    await workbench.page.waitForTimeout(200);
  }
  throw new Error(`no preview titled "${title}" appeared`);
}

describe("the learner's own notes in VS Code in the browser", () => {
  let workbench: Workbench;
  useWorkbench({ workspaceFiles: { 'docs/README.md': README }, settings: { 'workbench.colorTheme': 'Default Light Modern' } }, (opened) => (workbench = opened));

  it('starts a note with New Note in an empty workspace and draws a diagram typed without saving', async () => {
    await workbench.activityIcon('Nexus').waitFor();
    await workbench.runCommand('Nexus: New Note…');
    // No notes folder yet: Nexus offers to make one in the workspace.
    await workbench.page.locator('.monaco-dialog-box').getByRole('button', { name: 'Create notes/' }).click();
    const input = workbench.page.locator('.quick-input-widget input').filter({ visible: true });
    await input.fill('Caching');
    await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Caching' }).filter({ visible: true }).first().click();
    await workbench.page.locator('.quick-input-widget', { hasText: 'New Note: title' }).waitFor();
    await input.fill('What I learned about Redis');
    await input.press('Enter');

    const file = path.join(workbench.workspace, 'notes', 'caching', 'what-i-learned-about-redis.md');
    await workbench.page.locator('.tab[data-resource-name="what-i-learned-about-redis.md"]').waitFor();
    assert.ok(fs.existsSync(file), 'the note is written into notes/caching/');
    const frame = await previewFrame(workbench, 'What I learned about Redis');
    await frame.locator('.nexus-diagram[data-state="rendered"] svg').first().waitFor();

    // Type a diagram at the end of the note, and do not save.
    await workbench.page.locator('.editor-instance .monaco-editor textarea').first().focus();
    await workbench.page.keyboard.press('Control+End');
    await workbench.page.keyboard.insertText('\n```mermaid\nerDiagram\n  READER ||--o{ BOOKMARK : keeps\n```\n');
    await frame.locator('.nexus-diagram[data-state="rendered"] svg', { hasText: 'BOOKMARK' }).waitFor({ timeout: 20_000 });
    assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /BOOKMARK/, 'the diagram was drawn from the unsaved editor');
    await workbench.screenshot('own-note-live-preview');

    // The note is in the Topics tree, under the category picked, with no problem to report.
    await workbench.openNexus();
    await workbench.expand(/^Caching, \d+ of \d+ studied/);
    await workbench.treeItem(/What I learned about Redis/).waitFor();
    assert.equal(await workbench.page.locator('.monaco-list-row', { hasText: /content problems?/ }).count(), 0);
  });

  it("previews a project's README with its diagram, and keeps editor and preview scrolled together", async () => {
    await workbench.openFile('docs/README.md');
    await workbench.page.locator('.editor-actions .action-label[aria-label="Open Preview to the Side"]').first().click();
    const frame = await previewFrame(workbench, 'Blog API');
    await frame.locator('.nexus-diagram[data-state="rendered"] svg', { hasText: 'COMMENT' }).waitFor();

    // The editor scrolls to section 30: the preview follows.
    await workbench.page.locator('.editor-instance .monaco-editor textarea').first().focus();
    await workbench.runCommand('Go to Line/Column...');
    await workbench.page.keyboard.type('130');
    await workbench.page.keyboard.press('Enter');
    await frame.waitForFunction(() => {
      const heading = [...document.querySelectorAll('h2')].find((h) => h.textContent?.trim() === 'Section 30');
      const top = heading?.getBoundingClientRect().top ?? Number.POSITIVE_INFINITY;
      return top > -200 && top < window.innerHeight / 2;
    }, undefined, { timeout: 10_000 });
    await workbench.screenshot('readme-preview-follows-editor');

    // The learner scrolls the preview back up with the mouse wheel: the editor follows to the same block.
    await workbench.page.waitForTimeout(500);
    const preview = await workbench.page.locator('iframe.webview.ready').last().boundingBox();
    assert.ok(preview);
    await workbench.page.mouse.move(preview.x + preview.width / 2, preview.y + preview.height / 2);
    for (let i = 0; i < 6; i++) {
      await workbench.page.mouse.wheel(0, -500);
      await workbench.page.waitForTimeout(50);
    }
    const previewTop = await frame.evaluate(() => {
      const first = [...document.querySelectorAll<HTMLElement>('h2[data-line]')].find((h) => h.getBoundingClientRect().top >= -5);
      return Number(first?.dataset.line);
    });
    assert.ok(previewTop < 110, `the preview scrolled up (its first heading is line ${previewTop})`);
    // Within a few lines: the preview's top may fall inside a paragraph, and sticky-scroll headers cover the editor's top.
    await workbench.page.waitForFunction(`Math.abs((${firstVisibleEditorLine.toString()})() - ${previewTop}) <= 6`, undefined, { timeout: 10_000 });
    await workbench.screenshot('readme-editor-follows-preview');
  });
});

describe('the first start with Nexus, as npm start opens it', () => {
  let workbench: Workbench;
  useWorkbench({ settings: { 'nexus.walkthrough.openOnFirstRun': true } }, (opened) => (workbench = opened));

  it('opens Get Started with Nexus and its five steps, each with a button that does it', async () => {
    const walkthrough = workbench.page.locator('.gettingStartedContainer');
    await walkthrough.locator('.getting-started-category-title, h2', { hasText: 'Get Started with Nexus' }).first().waitFor({ timeout: 30_000 });
    for (const step of ['Browse the topics', 'Open a note', 'See the whole system', 'Insert a drf- snippet', 'Write your own note']) {
      await walkthrough.locator('.getting-started-step', { hasText: step }).first().waitFor();
    }
    await workbench.screenshot('walkthrough');
    await walkthrough.locator('.getting-started-step', { hasText: 'See the whole system' }).first().click();
    await walkthrough.getByRole('button', { name: 'Open Architecture' }).click();
    await workbench.webviewFrame('.nexus-architecture, svg', 30_000);
  });
});
