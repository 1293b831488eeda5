import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { loadCatalog } from '../../src/core/loadCatalog';
import { renderNote } from '../../src/core/renderNote';
import { launchChromium } from '../harness/browser';
import { diskReader, fileUri } from '../harness/diskReader';
import { repoRoot } from '../harness/paths';

/** Every diagram of the bundled notes, drawn by the real mermaid (the version Nexus bundles) in Chromium. */
describe('the diagrams of the bundled notes', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  it('all render without an error, in light and dark themes', async () => {
    const catalog = await loadCatalog(diskReader, { bundled: fileUri(path.join(repoRoot, 'content')), user: [] });
    const diagrams: Array<{ where: string; source: string }> = [];
    for (const topic of catalog.topics.values()) {
      const note = renderNote(topic, { topicIdForFile: () => undefined, hasTopic: () => true });
      const sources = [...topic.body.matchAll(/^```mermaid\s*\n([\s\S]*?)^```\s*$/gm)].map((match) => match[1]);
      assert.equal(sources.length, note.diagrams.length, `${topic.id}: every mermaid fence became a diagram`);
      note.diagrams.forEach((diagram, index) => diagrams.push({ where: `${topic.file.split('/').slice(-2).join('/')}:${diagram.line}`, source: sources[index] }));
    }
    assert.ok(diagrams.length >= 35, `${diagrams.length} diagrams`);
    const page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    await page.addScriptTag({ content: fs.readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8') });
    const failures: string[] = [];
    for (const theme of ['default', 'dark']) {
      await page.evaluate((t) => (window as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: t }), theme);
      for (const [index, diagram] of diagrams.entries()) {
        const error = await page.evaluate(
          async ([source, id]) => {
            try {
              const { svg } = await (window as unknown as { mermaid: { render(id: string, s: string): Promise<{ svg: string }> } }).mermaid.render(id, source);
              return svg.includes('<svg') ? null : 'no svg';
            } catch (caught) {
              return String((caught as Error).message ?? caught).split('\n')[0];
            }
          },
          [diagram.source, `d${theme}${index}`] as const,
        );
        if (error) {
          failures.push(`${diagram.where} (${theme}): ${error}`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });
});
