import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { measureMap, setPanelWidth } from '../harness/architectureMap';
import { useWorkbench, type Workbench } from '../harness/workbench';

/** The heading id of the note the PostgreSQL primary opens (postgresql-transactions). */
const POSTGRES_SLUG = 'postgresql-transactions-and-concurrency';

describe('the architecture view in VS Code in the browser', () => {
  let workbench: Workbench;
  let frame: Frame;
  useWorkbench({ settings: { 'workbench.colorTheme': 'Default Light Modern' } }, (opened) => (workbench = opened));

  it('shows the whole system as one map whose parts are buttons', async () => {
    // The palette lists the commands known when it opens: wait until Nexus's contributions are in.
    await workbench.activityIcon('Nexus').waitFor();
    await workbench.runCommand('Nexus: Open Architecture');
    frame = await workbench.webviewFrame('.nexus-arch-diagram');
    await frame.locator('.nexus-arch-diagram .nexus-diagram[data-state="rendered"] svg.nexus-map').waitFor();
    const parts = frame.locator('.nexus-arch-diagram g.nexus-part[role="button"]');
    assert.equal(await parts.count(), 15);
    assert.match((await frame.locator('g.nexus-part[data-component="redis"]').getAttribute('aria-label')) ?? '', /^Redis cache: Cache-aside for hot reads/);
    await frame.locator('g.nexus-part[data-component="redis"]').hover();
    await frame.locator('.nexus-arch-tooltip.nexus-visible', { hasText: 'Opens “Redis with Django' }).waitFor();
  });

  it('reads at a 1,000-px panel: every text at least 11 px on screen, each part with its kind\'s icon', async () => {
    await setPanelWidth(workbench, frame, 1000);
    // The pointer leaves the part hovered above, so its tooltip hides and the picture shows the map alone.
    await workbench.page.mouse.move(5, 5);
    await frame.locator('.nexus-arch-tooltip.nexus-visible').waitFor({ state: 'hidden', timeout: 5000 });
    const { texts, parts } = await measureMap(frame);
    assert.ok(texts.length >= 15 + 18 + 6, `${texts.length} texts: every part, connection and zone`);
    const small = texts.filter((text) => text.px < 11);
    assert.deepEqual(small, [], `texts under 11 px: ${JSON.stringify(small)}`);
    assert.equal(parts.length, 15);
    for (const part of parts) {
      assert.equal(part.icon, part.kind, `${part.id} shows the ${part.kind} icon`);
      assert.ok(part.iconPx >= 13, `${part.id}'s icon is ${part.iconPx} px across`);
      assert.ok(part.labelFits, `${part.id}'s label fits inside its box`);
    }
    assert.deepEqual(new Set(parts.map((part) => part.kind)), new Set(['client', 'proxy', 'app', 'database', 'cache', 'broker', 'worker', 'ci', 'storage', 'dev']));
    await workbench.screenshot('architecture-light');
  });

  it('keeps the zones and parts readable in dark and high contrast themes', async () => {
    const zoneStroke = (): Promise<string> => frame.evaluate(() => getComputedStyle(document.querySelector('.nexus-map .nexus-zone rect') as Element).stroke);
    const light = await zoneStroke();
    await workbench.setColorTheme('Dark Modern', 'vs-dark');
    await frame.waitForFunction(() => document.body.classList.contains('vscode-dark'));
    await workbench.screenshot('architecture-dark');
    await workbench.setColorTheme('Dark High Contrast', 'hc-black');
    await frame.waitForFunction(() => document.body.classList.contains('vscode-high-contrast'));
    const highContrast = await zoneStroke();
    assert.notEqual(highContrast, light, 'zones take the high-contrast border');
    await workbench.screenshot('architecture-high-contrast');
    await workbench.setColorTheme('Light Modern', 'vs');
    await frame.locator('.nexus-arch-diagram .nexus-diagram[data-theme="light"][data-state="rendered"] svg.nexus-map').waitFor();
  });

  it('plays a request flow on the map step by step and draws its sequence diagram beside it', async () => {
    // Records how many connections are lit each time the map changes, to see the path grow one step at a time.
    await frame.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { litCounts: number[] }).litCounts = seen;
      new MutationObserver(() => {
        const lit = document.querySelectorAll('.nexus-map .nexus-link.nexus-lit').length;
        if (seen.at(-1) !== lit) {
          seen.push(lit);
        }
      }).observe(document.querySelector('.nexus-arch-diagram') as Element, { subtree: true, attributes: true, attributeFilter: ['class'] });
    });
    await frame.locator('#nexus-flow').selectOption({ label: 'Cached read (cache hit / miss)' });
    const steps = frame.locator('.nexus-arch-steps li');
    assert.equal(await steps.count(), 6);
    await frame.locator('.nexus-arch-steps li.nexus-current').first().waitFor();
    await frame.locator('.nexus-arch-flow .nexus-diagram[data-state="rendered"] svg').waitFor();
    await frame.locator('.nexus-arch-steps li.nexus-done').nth(5).waitFor();
    const lit = await frame.locator('.nexus-arch-diagram .nexus-link.nexus-lit').evaluateAll((links) => links.map((link) => link.getAttribute('data-edge')));
    assert.deepEqual(lit.sort(), ['c_browser>c_nginx', 'c_django>c_postgres', 'c_django>c_redis', 'c_nginx>c_django']);
    assert.equal(await frame.locator('.nexus-arch-diagram g.nexus-part.nexus-lit').count(), 5);
    const counts = await frame.evaluate(() => (window as unknown as { litCounts: number[] }).litCounts.filter((count) => count > 0));
    assert.deepEqual(counts, [1, 2, 3, 4], 'one more connection lit per step (the reply and the second SET reuse lit ones)');
    await workbench.screenshot('architecture-flow');
  });

  it('comes back after a reload with the chosen flow', async () => {
    // As for notes: reloaded once the workbench has saved its editor layout with the flow chosen.
    await workbench.waitForSavedState(['nexus.architecture', 'cached-read']);
    await workbench.load();
    frame = await workbench.webviewFrame('.nexus-arch-diagram');
    await frame.locator('.nexus-arch-flow h2', { hasText: 'Cached read (cache hit / miss)' }).waitFor();
    assert.equal(await frame.locator('#nexus-flow').inputValue(), 'cached-read');
  });

  it('opens the caching note beside the map when the Redis part is clicked, and by keyboard; the map stays readable', async () => {
    await frame.locator('.nexus-arch-diagram .nexus-diagram[data-state="rendered"] g.nexus-part[data-component="redis"]').click();
    await workbench.webviewFrame('h1#redis-with-django');
    const { texts } = await measureMap(frame);
    assert.deepEqual(texts.filter((text) => text.px < 11), [], 'beside a note the map keeps its text size (and pans)');
    // The map is now wider than its panel: it panned so the part whose note is open is still in view.
    await frame.waitForFunction(() => {
      const port = document.querySelector('.nexus-arch-diagram .nexus-diagram-viewport')?.getBoundingClientRect();
      const part = document.querySelector('g.nexus-part[data-component="redis"]')?.getBoundingClientRect();
      return port !== undefined && part !== undefined && port.width < (document.querySelector('svg.nexus-map')?.getBoundingClientRect().width ?? 0) && part.left >= port.left && part.right <= port.right && part.top >= port.top && part.bottom <= port.bottom;
    }, null, { timeout: 10_000 });
    await workbench.screenshot('architecture-beside-note');
    await frame.locator('g.nexus-part[data-component="postgres"]').focus();
    await frame.locator('g.nexus-part[data-component="postgres"]').press('Enter');
    await workbench.webviewFrame(`h1#${POSTGRES_SLUG}`);
  });
});
