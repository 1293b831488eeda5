import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { useWorkbench, type Workbench } from '../harness/workbench';

/** A challenge note of the learner's, in the `## Challenge` / `## Solution` convention. */
const CHALLENGE_NOTE = [
  '---',
  'title: N+1 queries on the orders list',
  'tags: [challenge]',
  '---',
  '# N+1 queries on the orders list',
  '',
  '## Challenge',
  '',
  'The orders list ran 101 queries per page.',
  '',
  '## Solution',
  '',
  "`select_related('customer')` and a test with `assertNumQueries(2)`.",
  '',
].join('\n');

/** The learner's own models, which the portfolio draws as their schema. */
const MODELS = [
  'from django.db import models',
  '',
  '',
  'class Customer(models.Model):',
  '    name = models.CharField(max_length=100)',
  '',
  '',
  'class Order(models.Model):',
  '    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")',
  '    placed_at = models.DateTimeField(auto_now_add=True)',
  '',
].join('\n');

/**
 * Waits until the page has this many diagrams and each is drawn (none failed). Diagrams draw as they scroll into
 * view, so each is brought into view in turn, as a reader scrolling down would.
 */
async function everyDiagramDrawn(frame: Frame, expected: number): Promise<void> {
  await frame.waitForFunction((count) => document.querySelectorAll('.nexus-diagram').length === count, expected, { timeout: 30_000 });
  for (let index = 0; index < expected; index++) {
    await frame.locator('.nexus-diagram').nth(index).scrollIntoViewIfNeeded();
    await frame.waitForFunction(
      (i) => {
        const diagram = document.querySelectorAll('.nexus-diagram')[i];
        return diagram?.getAttribute('data-state') === 'rendered' && diagram.querySelector('.nexus-diagram-canvas svg') !== null;
      },
      index,
      { timeout: 45_000 },
    );
  }
  assert.equal(await frame.locator('.nexus-diagram-error').count(), 0);
}

/** Scrolls a rendered page so the heading with this text sits at the top, as a reader would see that section. */
async function scrollToTop(frame: Frame, selector: string, text: string): Promise<void> {
  await frame.locator(selector, { hasText: text }).first().evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await frame.waitForTimeout(300);
}

/** The Nexus webview whose page has this heading (the portfolio preview or the README's preview). */
async function frameWithHeading(workbench: Workbench, selector: string, text: string): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const frame of workbench.page.frames()) {
      const headings = await frame.$$(`#nexus-root ${selector}`).catch(() => []);
      for (const heading of headings) {
        if ((await heading.textContent().catch(() => ''))?.includes(text)) {
          return frame;
        }
      }
    }
    await workbench.page.waitForTimeout(200);
  }
  throw new Error(`no Nexus webview with ${selector} "${text}" appeared`);
}

describe('the portfolio in VS Code in the browser', () => {
  let workbench: Workbench;
  useWorkbench(
    {
      workspaceFiles: { 'notes/data/n-plus-one-on-orders.md': CHALLENGE_NOTE, 'shop/models.py': MODELS },
      settings: { 'workbench.colorTheme': 'Default Light Modern', 'nexus.notesFolders': ['notes'] },
    },
    (opened) => (workbench = opened),
  );
  before(async () => {
    await workbench.openNexus();
  });

  it('adds a takeaway to a topic from its context menu, into takeaways.md in the notes folder', async () => {
    await workbench.expand(/^Data, /);
    const orm = workbench.treeItem(/^The ORM and N\+1 queries/);
    await orm.getByRole('checkbox').click();
    await workbench.treeItem(/^The ORM and N\+1 queries.*, studied$/).waitFor();
    // Its cards enter review and the tree redraws with their due count: right-click once it has.
    await workbench.treeItem(/^Data, 1 of 7 studied, \d+ due for review/).waitFor();
    await orm.click({ button: 'right' });
    // The context menu, driven by keyboard as a learner can: down to the item that has the focus, then Enter.
    await workbench.page.locator('.monaco-menu').getByRole('menuitem', { name: 'Add Takeaway…' }).waitFor();
    const focused = (): Promise<string> => workbench.page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    for (let step = 0; step < 12 && (await focused()) !== 'Add Takeaway…'; step++) {
      await workbench.page.keyboard.press('ArrowDown');
    }
    assert.equal(await focused(), 'Add Takeaway…');
    await workbench.page.keyboard.press('Enter');
    const input = workbench.page.locator('.quick-input-widget input').filter({ visible: true });
    await workbench.page.locator('.quick-input-widget', { hasText: 'Add Takeaway: The ORM and N+1 queries' }).waitFor();
    await input.fill('Count queries in tests: `assertNumQueries` keeps an N+1 fix fixed.');
    await input.press('Enter');
    await workbench.page.locator('.notification-toast', { hasText: 'Added your takeaway on "The ORM and N+1 queries" to takeaways.md' }).waitFor();
    const file = path.join(workbench.workspace, 'notes', 'takeaways.md');
    assert.match(fs.readFileSync(file, 'utf8'), /\n## \[The ORM and N\+1 queries\]\(topic:orm-n-plus-one\)\n\n- Count queries in tests: `assertNumQueries` keeps an N\+1 fix fixed\.\n$/);
  });

  it('exports the portfolio: preview first, then README.md written below the text it had, with a backup', async () => {
    await workbench.expand(/^DevOps, /);
    await workbench.treeItem(/^Docker Compose/).getByRole('checkbox').click();
    await workbench.treeItem(/^DevOps, 1 of 3 studied/).waitFor();

    await workbench.runCommand('Nexus: Export Portfolio…');
    await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: 'README.md in workspace' }).filter({ visible: true }).first().click();
    // The workspace README has no Nexus sections: Nexus asks before touching it.
    await workbench.page.locator('.monaco-dialog-box').getByRole('button', { name: 'Add Below Your Text' }).click();

    const preview = await frameWithHeading(workbench, 'h2', 'Challenges & Solutions');
    // The architecture and the learner's schema.
    await everyDiagramDrawn(preview, 2);
    await preview.locator('td', { hasText: 'The orders list ran 101 queries per page.' }).waitFor();
    await preview.locator('li', { hasText: 'Count queries in tests' }).waitFor();
    await scrollToTop(preview, 'h2', 'Overview');
    await workbench.screenshot('portfolio-preview-top');
    await scrollToTop(preview, 'h2', 'Challenges & Solutions');
    await workbench.screenshot('portfolio-preview-challenges');
    await scrollToTop(preview, 'h2', 'Architecture');
    await workbench.screenshot('portfolio-preview-architecture');
    assert.equal(fs.readFileSync(path.join(workbench.workspace, 'README.md'), 'utf8'), '# Workspace\n', 'nothing is written before Save');

    await workbench.page.locator('.notification-toast', { hasText: 'Save the portfolio to README.md?' }).getByRole('button', { name: 'Save' }).click();
    const readme = await frameWithHeading(workbench, 'h1[data-line]', 'Workspace');
    await everyDiagramDrawn(readme, 2);
    await readme.locator('a[data-topic]', { hasText: 'N+1 queries on the orders list' }).waitFor();
    await scrollToTop(readme, 'h2', 'Data Model');
    await workbench.screenshot('portfolio-readme-preview');
    await workbench.setColorTheme('Dark Modern', 'vs-dark');
    await readme.waitForFunction(() => document.body.classList.contains('vscode-dark'));
    await everyDiagramDrawn(readme, 2);
    await scrollToTop(readme, 'h2', 'Architecture');
    await workbench.screenshot('portfolio-readme-preview-dark');
    await workbench.setColorTheme('Default Light Modern', 'vs');

    const written = fs.readFileSync(path.join(workbench.workspace, 'README.md'), 'utf8');
    assert.ok(written.startsWith('# Workspace\n\n## Overview\n\n<!-- nexus:begin overview -->\n'), written.slice(0, 200));
    for (const name of ['overview', 'technologies', 'learnings', 'challenges', 'takeaways', 'architecture', 'schema', 'review']) {
      assert.ok(written.includes(`<!-- nexus:begin ${name} -->`) && written.includes(`<!-- nexus:end ${name} -->`), `section ${name}`);
    }
    assert.match(written, /\[N\+1 queries on the orders list\]\(\.\/notes\/data\/n-plus-one-on-orders\.md\)/);
    assert.match(written, /My schema, drawn by Nexus from `shop\/models\.py`\./);
    assert.ok(!written.includes(workbench.workspace) && !written.includes('file:'), 'no absolute path in the README');
    assert.equal(fs.readFileSync(path.join(workbench.workspace, 'README.md.bak'), 'utf8'), '# Workspace\n');
  });

  it('exports again after the learner edited outside the markers: only the generated parts change', async () => {
    const file = path.join(workbench.workspace, 'README.md');
    const edited = fs.readFileSync(file, 'utf8').replace('# Workspace\n', '# Workspace\n\nMy words, kept as they are.   \n');
    fs.writeFileSync(file, edited);
    await workbench.expand(/^Caching, /);
    await workbench.treeItem(/^Redis with Django/).getByRole('checkbox').click();
    await workbench.treeItem(/^Caching, 1 of 3 studied/).waitFor();

    await workbench.runCommand('Nexus: Export Portfolio…');
    await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: 'README.md in workspace' }).filter({ visible: true }).first().click();
    await workbench.page.locator('.notification-toast', { hasText: /Save the portfolio to README\.md\? It updates 8 sections/ }).getByRole('button', { name: 'Save' }).click();
    const deadline = Date.now() + 20_000;
    while (!fs.readFileSync(file, 'utf8').includes('Redis with Django') && Date.now() < deadline) {
      await workbench.page.waitForTimeout(200);
    }
    const written = fs.readFileSync(file, 'utf8');
    assert.match(written, /\*\*Redis with Django\*\*/);
    assert.ok(written.startsWith('# Workspace\n\nMy words, kept as they are.   \n\n## Overview\n'));
    assert.ok(!fs.existsSync(path.join(workbench.workspace, 'README.md.2.bak')), 'a README with markers needs no backup');
  });
});
