import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { useWorkbench, type Workbench } from '../harness/workbench';

const NOTE = `---
id: two-diagrams
title: Two diagrams
summary: A flowchart and a sequence diagram.
order: 1
level: beginner
---
# Two diagrams

\`\`\`mermaid
flowchart LR
  Client --> Nginx --> Django --> PostgreSQL
\`\`\`

\`\`\`mermaid
sequenceDiagram
  Client->>API: POST /api/token/
  API-->>Client: access + refresh
\`\`\`

The last words of the note.
`;

/** Waits until the page's script has put `count` cached pictures in their diagrams' canvases, each loaded. */
async function picturesShown(frame: Frame, count: number): Promise<void> {
  await frame.waitForFunction(
    (n) => {
      const images = [...document.querySelectorAll<HTMLImageElement>('.nexus-diagram[data-state="rendered"] .nexus-diagram-canvas > img.nexus-diagram-cached')];
      return images.length === n && images.every((image) => image.complete && image.naturalWidth > 0);
    },
    count,
    { timeout: 30_000 },
  );
}

describe('a note opened again after its panel closed (the persistent SVG cache)', () => {
  let workbench: Workbench;
  useWorkbench({ workspaceFiles: { 'notes/data/two-diagrams.md': NOTE }, settings: { 'nexus.notesFolders': ['notes'], 'workbench.colorTheme': 'Default Light Modern' } }, (opened) => (workbench = opened));
  const cacheDir = (): string => path.join(path.dirname(workbench.workspace), 'user-data', 'User', 'globalStorage', 'project-nexus.project-nexus', 'svg-cache');

  it('comes with its text in the first page, and keeps what mermaid drew in global storage', async () => {
    const frame = await workbench.goToTopic('Two diagrams');
    await frame.locator('.nexus-diagram[data-state="rendered"] svg').nth(1).waitFor();
    // The note was in the page itself, not sent after the webview said it was ready.
    assert.equal(await frame.locator('script#nexus-first[type="application/json"]').count(), 1);
    // The page asked for mermaid and the chunks of its two diagram kinds up front, and each came once: the imports
    // the script made later were served by those preloads.
    const loads = await frame.evaluate(() => ({
      preloaded: [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((link) => link.href.split('/').pop() ?? ''),
      fetched: performance.getEntriesByType('resource').map((entry) => entry.name.split('?')[0].split('/').pop() ?? '').filter((name) => name.endsWith('.js')),
    }));
    assert.equal(loads.preloaded[0], 'note.js', 'the page script first, then its chunks and mermaid');
    for (const module of ['mermaid.core-', 'flowDiagram-', 'sequenceDiagram-', 'dagre-']) {
      assert.ok(loads.preloaded.some((name) => name.startsWith(module)), `${module} preloaded: ${loads.preloaded.join(' ')}`);
    }
    assert.deepEqual(loads.fetched.filter((name, index) => loads.fetched.indexOf(name) !== index), [], 'no chunk fetched twice');
    const deadline = Date.now() + 10_000;
    while ((fs.existsSync(cacheDir()) ? fs.readdirSync(cacheDir()).length : 0) < 2 && Date.now() < deadline) {
      await workbench.page.waitForTimeout(200);
    }
    const files = fs.readdirSync(cacheDir()).sort();
    assert.equal(files.length, 2, files.join(', '));
    for (const file of files) {
      assert.match(file, /^[a-z0-9]+-light-11\.[\d.]+-\d+x\d+\.svg$/);
    }
  });

  it('shows the diagrams at once as images, without loading mermaid, and a tampered file runs no script', async () => {
    // Whatever lands in the cache is shown as an <img>, where SVG script never runs.
    const [first] = fs.readdirSync(cacheDir()).sort();
    const tampered = fs
      .readFileSync(path.join(cacheDir(), first), 'utf8')
      .replace(/^<svg([^>]*)>/, '<svg$1 onload="top.document.body.dataset.pwned = 1"><script>top.document.body.dataset.pwned = 2</script>');
    fs.writeFileSync(path.join(cacheDir(), first), tampered);
    await workbench.runCommand('View: Close All Editors');
    await workbench.page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached' });
    const frame = await workbench.goToTopic('Two diagrams');
    await picturesShown(frame, 2);
    const shown = await frame.evaluate(() => ({
      images: [...document.querySelectorAll<HTMLImageElement>('img.nexus-diagram-cached')].map((image) => image.parentElement?.classList.contains('nexus-diagram-canvas') === true),
      mermaid: performance.getEntriesByType('resource').filter((entry) => /mermaid\.core/.test(entry.name)).length,
      // The drawings came in the page, not as files fetched after it.
      fetchedSvg: performance.getEntriesByType('resource').filter((entry) => /\.svg\b/.test(entry.name)).length,
      pwned: document.body.dataset.pwned ?? null,
    }));
    assert.deepEqual(shown, { images: [true, true], mermaid: 0, fetchedSvg: 0, pwned: null });
    await workbench.screenshot('note-from-svg-cache');
    assert.equal(await frame.locator('.nexus-diagram img').count(), 2, 'one picture per diagram');
    // Copy SVG needs the real drawing: the diagram is drawn live first.
    await frame.locator('.nexus-diagram').first().getByRole('button', { name: 'Copy SVG' }).click();
    await frame.locator('.nexus-diagram').first().locator('svg[id^="nexus-diagram"]').waitFor();
  });

  it('shows a bundled note never opened before with the diagrams the build drew, without mermaid', async () => {
    await workbench.runCommand('View: Close All Editors');
    const frame = await workbench.goToTopic('JWT authentication with access and refresh tokens');
    await picturesShown(frame, 2);
    const shown = await frame.evaluate(() => ({
      images: [...document.querySelectorAll<HTMLImageElement>('.nexus-diagram img.nexus-diagram-cached')].map((image) => image.parentElement?.classList.contains('nexus-diagram-canvas') === true && image.src.startsWith('data:image/svg+xml')),
      mermaid: performance.getEntriesByType('resource').filter((entry) => /mermaid\.core/.test(entry.name)).length,
    }));
    assert.deepEqual(shown, { images: [true, true], mermaid: 0 });
    await frame.locator('.nexus-diagram').first().scrollIntoViewIfNeeded();
    await workbench.screenshot('note-bundled-predrawn');
  });
});
