import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { filesUnder } from '../harness/fixtureFiles';
import { repoRoot } from '../harness/paths';
import { useWorkbench, type Workbench } from '../harness/workbench';

/** The Django project of the unit tests, laid into the workspace as a learner's project. */
const DJANGO_PROJECT = path.join(repoRoot, 'test', 'fixtures', 'schema', 'django');

/** Waits until the drawn diagram has a label that reads exactly `label` (a field name, an entity name). */
function drawnLabel(frame: Frame, label: string): Promise<unknown> {
  return frame.waitForFunction(
    (wanted) => [...document.querySelectorAll('.nexus-schema-diagram .nexus-diagram[data-state="rendered"] svg *')].some((node) => node.childElementCount === 0 && node.textContent?.trim() === wanted),
    label,
    { timeout: 20_000 },
  );
}

/** The text of the rendered ER diagram (entity names, types, field names), as drawn. */
function diagramText(frame: Frame): Promise<string> {
  return frame.locator('.nexus-schema-diagram .nexus-diagram[data-state="rendered"] svg').first().evaluate((svg) => svg.textContent ?? '');
}

describe('Visualize Schema in VS Code in the browser', () => {
  let workbench: Workbench;
  let frame: Frame;
  // VS Code in the browser saves after a second by default; off, the diagram can only come from the unsaved editor.
  useWorkbench({ workspaceFiles: filesUnder(DJANGO_PROJECT), settings: { 'workbench.colorTheme': 'Default Light Modern', 'files.autoSave': 'off' } }, (opened) => (workbench = opened));

  it('draws the Django project as an ER diagram beside the editor, with the syntax error named and the rest drawn', async () => {
    await workbench.openFile('catalog/models/tag.py');
    await workbench.runCommand('Nexus: Visualize Schema');
    frame = await workbench.webviewFrame('.nexus-schema-diagram', 60_000);
    await frame.locator('.nexus-schema-diagram .nexus-diagram[data-state="rendered"] svg').waitFor({ timeout: 60_000 });
    const entities = await frame.locator('.nexus-schema-diagram g.node[data-entity][role="button"]').evaluateAll((nodes) => nodes.map((node) => (node as SVGGElement).dataset.entity));
    for (const name of ['User', 'Profile', 'Product', 'Category', 'Tag', 'Order', 'OrderItem', 'Restaurant', 'Place', 'Post', 'Like', 'Comment']) {
      assert.ok(entities.includes(name), `${name} is drawn and clickable (drawn: ${entities.join(', ')})`);
    }
    const problem = frame.locator('.nexus-arch-problems li', { hasText: 'blog/models.py:8' });
    await problem.waitFor();
    assert.match((await problem.textContent()) ?? '', /Python syntax error/);
    assert.match(await diagramText(frame), /numeric|DecimalField/);
    await workbench.screenshot('schema-light');
    // Hovering an entity lists its fields; the toolbar has the note's tools plus Copy Mermaid.
    await frame.locator('g.node[data-entity="Tag"]').hover();
    await frame.locator('.nexus-schema-tooltip.nexus-visible', { hasText: 'name: SlugField — unique' }).waitFor();
    for (const tool of ['Zoom in', 'Fit', 'Copy SVG', 'Save SVG…', 'Copy Mermaid (GitHub renders it in a README)']) {
      assert.equal(await frame.locator(`.nexus-diagram-toolbar button[title="${tool}"]`).count(), 1, tool);
    }
    // A big schema in a narrow panel is drawn at a readable size (and panned), not shrunk to fit.
    const scale = await frame.locator('.nexus-schema-diagram .nexus-diagram[data-state="rendered"] svg').first().evaluate((svg) => (svg as SVGSVGElement).getScreenCTM()?.a ?? 0);
    assert.ok(scale >= 0.65, `drawn at ${scale.toFixed(2)} of its natural size`);
    await workbench.screenshot('schema-light-hover');
  });

  it('redraws as the learner types a new field, before saving', async () => {
    assert.doesNotMatch(await diagramText(frame), /colou/);
    await workbench.page.locator('.editor-instance .monaco-editor textarea').first().focus();
    await workbench.runCommand('Go to Line/Column...');
    await workbench.page.keyboard.type('5');
    await workbench.page.keyboard.press('Enter');
    await workbench.page.keyboard.press('End');
    await workbench.page.keyboard.press('Enter');
    await workbench.page.keyboard.type('colou = models.CharField(max_length=7');
    await drawnLabel(frame, 'colou');
    // One keystroke more redraws it (how fast is measured by `npm run bench`, not here).
    await workbench.page.keyboard.press('Home');
    for (let step = 0; step < 5; step++) {
      await workbench.page.keyboard.press('ArrowRight');
    }
    await workbench.page.keyboard.type('r');
    await drawnLabel(frame, 'colour');
    const file = path.join(workbench.workspace, 'catalog', 'models', 'tag.py');
    assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /colou/, 'drawn from the unsaved editor');
  });

  it('keeps the drawn diagram, without drawing it again, when an edit changes nothing it shows', async () => {
    const marked = await frame.evaluate(() => {
      const svg = document.querySelector('.nexus-schema-diagram .nexus-diagram[data-state="rendered"] svg');
      const header = document.querySelector('.nexus-schema-header');
      (svg as unknown as { nexusMark?: boolean }).nexusMark = true;
      (header as unknown as { nexusMark?: boolean }).nexusMark = true;
      return svg !== null && header !== null;
    });
    assert.ok(marked);
    await workbench.page.keyboard.press('End');
    await workbench.page.keyboard.type('  # hex, as #rrggbb');
    // The page is built anew for the new message (a fresh header) …
    await frame.waitForFunction(() => (document.querySelector('.nexus-schema-header') as unknown as { nexusMark?: boolean } | null)?.nexusMark !== true, null, { timeout: 20_000 });
    // … and the very same drawing is in it.
    assert.equal(await frame.evaluate(() => (document.querySelector('.nexus-schema-diagram .nexus-diagram[data-state="rendered"] svg') as unknown as { nexusMark?: boolean } | null)?.nexusMark === true), true);
    assert.match(await diagramText(frame), /colour/);
  });

  it('opens an entity’s definition at its line when it is clicked, and shows its fields beside the diagram', async () => {
    await frame.locator('g.node[data-entity="Product"]').click();
    await workbench.page.locator('.tab.active', { hasText: 'product.py' }).first().waitFor();
    // The cursor's line, as the editor's gutter marks it (the status bar's Ln/Col can lag behind under load).
    await workbench.page.locator('.editor-instance .line-numbers.active-line-number', { hasText: /^18$/ }).first().waitFor();
    const side = frame.locator('.nexus-schema-side');
    await side.locator('h2', { hasText: 'Product (catalog_products)' }).waitFor();
    assert.ok((await side.locator('td', { hasText: /^DecimalField$/ }).count()) === 1);
    await side.locator('li', { hasText: 'Product.objects.select_related("category")' }).waitFor();
    assert.equal(await side.locator('a.nexus-schema-topic[data-topic="orm-n-plus-one"]').first().textContent(), 'The ORM and N+1 queries');
  });

  it('focuses on an entity and its neighbours, and draws again in a dark theme', async () => {
    await frame.locator('.nexus-schema-side button', { hasText: 'Focus' }).click();
    await frame.waitForFunction(() => {
      const drawn = [...document.querySelectorAll<SVGGElement>('.nexus-schema-diagram .nexus-diagram[data-state="rendered"] g.node[data-entity]')].map((node) => node.dataset.entity);
      return drawn.includes('Category') && drawn.includes('Tag') && !drawn.includes('Post');
    }, undefined, { timeout: 20_000 });
    await workbench.setColorTheme('Dark Modern', 'vs-dark');
    await frame.locator('.nexus-schema-diagram .nexus-diagram[data-state="rendered"][data-theme="dark"] svg').waitFor({ timeout: 30_000 });
    await workbench.screenshot('schema-dark');
  });
});
