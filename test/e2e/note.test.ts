import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { hostileCorpusDir as hostileDir } from '../harness/paths';
import { useWorkbench, type Workbench } from '../harness/workbench';


const THREE_DIAGRAMS = `---
id: three-diagrams
title: Three diagrams
summary: An ER diagram, a flowchart and a sequence diagram.
order: 1
level: beginner
versions: [Mermaid 11, Django 5.2 LTS]
---
# Three diagrams

See [the broken ones](../hostile/broken-diagrams.md) too.

\`\`\`python
class AuthorSerializer(serializers.ModelSerializer):
    pass
\`\`\`

\`\`\`mermaid
erDiagram
  AUTHOR ||--o{ POST : writes
  AUTHOR {
    int id PK
    string email UK
  }
  POST {
    int id PK
    int author_id FK
  }
\`\`\`

\`\`\`mermaid
flowchart LR
  Client --> Nginx --> Django --> PostgreSQL
  Django --> Redis
\`\`\`

\`\`\`mermaid
sequenceDiagram
  Client->>API: POST /api/token/
  API-->>Client: access + refresh
\`\`\`
`;

function hostileNotes(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(hostileDir).filter((file) => file.endsWith('.md') && file !== 'README.md')) {
    files[`notes/hostile/${name}`] = fs.readFileSync(path.join(hostileDir, name), 'utf8');
  }
  return files;
}

/** What a hostile note might have managed inside the webview, read from inside it. */
async function damage(frame: Frame): Promise<Record<string, unknown>> {
  return frame.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    scripts: document.querySelectorAll('#nexus-root script').length,
    embedded: document.querySelectorAll('#nexus-root iframe, #nexus-root object, #nexus-root embed, #nexus-root form, #nexus-root meta, #nexus-root style:not(svg style)').length,
    hidden: getComputedStyle(document.body).display === 'none',
    scriptLinks: [...document.querySelectorAll('a[href], [src]')].filter((e) => /^\s*(javascript|data|vbscript):/i.test(e.getAttribute('href') ?? e.getAttribute('src') ?? '')).length,
  }));
}

/** A red square as a PNG: what a label could paint inside a diagram if pictures were let through. */
const RED_SQUARE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const LABEL_PICTURE = `---
id: label-picture
title: A picture in a label
summary: A flowchart label with an image in it.
order: 2
level: beginner
---
# A picture in a label

\`\`\`mermaid
flowchart LR
  A["Before <img src='${RED_SQUARE}' width='200' height='100'> after"] --> B[Next]
\`\`\`
`;

describe('the note panel in VS Code in the browser', () => {
  let workbench: Workbench;
  useWorkbench({
      workspaceFiles: { 'notes/data/three-diagrams.md': THREE_DIAGRAMS, 'notes/data/label-picture.md': LABEL_PICTURE, ...hostileNotes() },
      settings: { 'nexus.notesFolders': ['notes'], 'workbench.colorTheme': 'Default Light Modern' },
    }, (opened) => (workbench = opened));

  const openByTitle = (title: string): Promise<Frame> => workbench.goToTopic(title);

  it('draws an ER diagram, a flowchart and a sequence diagram', async () => {
    const frame = await openByTitle('Three diagrams');
    await frame.locator('.nexus-diagram[data-state="rendered"] svg').nth(2).waitFor();
    assert.equal(await frame.locator('.nexus-diagram svg[id^="nexus-diagram"]').count(), 3);
    assert.deepEqual(await frame.locator('.nexus-diagram').evaluateAll((es) => es.map((e) => (e as HTMLElement).dataset.kind)), ['erDiagram', 'flowchart', 'sequenceDiagram']);
    await frame.locator('.nexus-diagram svg', { hasText: 'AUTHOR' }).waitFor();
    assert.equal(await frame.locator('h1 + .nexus-versions').innerText(), 'Teaches Mermaid 11 · Django 5.2 LTS');
    // The text showed before highlight.js ran; the colours came after it, in place.
    await frame.locator('.nexus-code[data-lang="python"] code .hljs-keyword', { hasText: 'class' }).waitFor();
    assert.equal(await frame.locator('.nexus-code[data-lang="python"] .hljs-title').first().innerText(), 'AuthorSerializer');
    assert.equal(await frame.locator('[data-highlight]').count(), 0);
    // One shade for the whole block: VS Code's own `code` style would shade each line again inside it.
    assert.equal(await frame.locator('.nexus-code code').first().evaluate((code) => getComputedStyle(code).backgroundColor), 'rgba(0, 0, 0, 0)');
    await workbench.screenshot('note-light');
  });

  it('draws the diagrams again in dark colors when the theme turns dark', async () => {
    const frame = await workbench.noteFrame();
    // mermaid writes a theme's colors into a <style> inside each SVG.
    const colors = (): Promise<string> => frame.locator('.nexus-diagram svg style').first().evaluate((e) => e.textContent ?? '');
    const light = await colors();
    await workbench.setColorTheme('Dark Modern', 'vs-dark');
    // Diagrams below the fold redraw when they scroll into view, as they first drew.
    await frame.locator('.nexus-diagram').nth(2).scrollIntoViewIfNeeded();
    await frame.locator('.nexus-diagram[data-theme="dark"]').nth(2).waitFor();
    assert.notEqual(await colors(), light);
    await workbench.screenshot('note-dark');
    await workbench.setColorTheme('Light Modern', 'vs');
  });

  it('follows a link to another note, which shows its broken diagrams in place and draws the good ones', async () => {
    const frame = await workbench.noteFrame();
    await frame.locator('a[data-topic="hostile-broken-diagrams"]').click();
    await frame.locator('h1', { hasText: 'Broken diagrams' }).waitFor();
    await frame.locator('.nexus-diagram[data-state="error"]').nth(2).waitFor();
    await frame.locator('.nexus-diagram[data-state="rendered"]').nth(1).waitFor();
    const errors = await frame.locator('.nexus-diagram-error').allInnerTexts();
    assert.equal(errors.length, 3);
    const brokenLine = fs.readFileSync(path.join(hostileDir, 'broken-diagrams.md'), 'utf8').split('\n').indexOf('  A[Open --> B(') + 1;
    assert.match(errors[1], new RegExp(`line ${brokenLine} of the note`), 'the parse error names the file line');
    assert.ok(await frame.locator('.nexus-diagram[data-state="error"] .nexus-diagram-source', { hasText: 'this is not mermaid' }).isVisible());
    await workbench.screenshot('note-broken-diagrams');
  });

  it('lists the notes that link here under Linked from, and opens them', async () => {
    const frame = await workbench.noteFrame();
    const linkedFrom = frame.locator('.nexus-backlinks');
    assert.equal(await linkedFrom.locator('h2').innerText(), 'Linked from');
    assert.deepEqual(await linkedFrom.locator('a').allInnerTexts(), ['Three diagrams']);
    await linkedFrom.locator('a', { hasText: 'Three diagrams' }).click();
    await frame.locator('h1', { hasText: 'Three diagrams' }).waitFor();
    await frame.locator('a[data-topic="hostile-broken-diagrams"]').click();
    await frame.locator('h1', { hasText: 'Broken diagrams' }).waitFor();
  });

  it('still shows the note it went to when its tab comes back to the front', async () => {
    // VS Code drops a hidden webview's page and loads it again when its tab is shown: the page it was first written
    // with held another note (Three diagrams) than the one the panel went to since.
    await workbench.openFile('README.md');
    await workbench.page.locator('.tab', { hasText: 'Broken diagrams' }).click();
    const frame = await workbench.noteFrame();
    await frame.locator('h1', { hasText: 'Broken diagrams' }).waitFor();
    // Long enough for a stale first page to have been shown, and replaced if it were going to be.
    await frame.locator('.nexus-diagram[data-state="rendered"]').nth(1).waitFor();
    assert.equal(await frame.locator('h1').first().innerText(), 'Broken diagrams');
    await workbench.runCommand('View: Close Other Editors in Group');
    await workbench.page.locator('.tab', { hasText: 'README.md' }).waitFor({ state: 'detached' });
  });

  it('comes back with the same note after the page reloads', async () => {
    // A learner reloads a while after opening a note, when the workbench has saved its editor layout.
    // Saved after the README opened over it was closed again, not before.
    await workbench.waitForSavedState(['nexus.note', 'hostile-broken-diagrams'], ['README.md']);
    await workbench.load();
    const frame = await workbench.noteFrame();
    await frame.locator('h1', { hasText: 'Broken diagrams' }).waitFor();
    assert.equal(await workbench.page.locator('.tab.active .label-name').innerText(), 'Broken diagrams');
  });

  for (const title of ['HTML injection', 'Link schemes', 'Mermaid attacks', 'Unicode', 'Huge table', 'Deep nesting', 'One megabyte', 'Bad front matter', 'A note without front matter']) {
    it(`renders the hostile note "${title}" inert`, async () => {
      const frame = await openByTitle(title);
      await frame.locator('.nexus-diagram[data-state="pending"]').first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
      assert.deepEqual(await damage(frame), { pwned: null, scripts: 0, embedded: 0, hidden: false, scriptLinks: 0 });
      if (title === 'HTML injection') {
        await frame.getByText('Text after all of the above must still render.').waitFor();
        await workbench.screenshot('note-html-injection');
      }
      if (title === 'Mermaid attacks') {
        await frame.getByText('The note goes on after the diagrams.').waitFor();
        await workbench.screenshot('note-mermaid-attacks');
      }
    });
  }

  it('draws a label with a picture in it as its text alone', async () => {
    const frame = await openByTitle('A picture in a label');
    const label = frame.locator('.nexus-diagram[data-state="rendered"] svg g.node', { hasText: 'Before' });
    await label.waitFor();
    assert.equal((await label.textContent())?.replace(/\s+/g, ' ').trim(), 'Before after', await label.innerHTML());
    assert.equal(await frame.locator('.nexus-diagram svg img, .nexus-diagram svg image').count(), 0);
  });

  it('draws all sixty diagrams of a long note as it scrolls, and stays responsive', async () => {
    const frame = await openByTitle('Sixty diagrams');
    const diagrams = frame.locator('.nexus-diagram');
    assert.equal(await diagrams.count(), 60);
    // Before any scrolling, the diagrams just below the fold are drawn ahead of the reader.
    await frame.locator('.nexus-diagram').nth(12).and(frame.locator('[data-state="rendered"]')).waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await frame.evaluate(() => window.scrollY), 0);
    // Scrolled through as a reader would: each diagram comes into view in turn.
    for (let index = 0; index < 60; index++) {
      await diagrams.nth(index).scrollIntoViewIfNeeded();
    }
    await frame.locator('.nexus-diagram[data-state="rendered"]').nth(59).waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('.nexus-diagram[data-state="error"]').count(), 0);
    await workbench.screenshot('note-sixty-diagrams');
  });
});
