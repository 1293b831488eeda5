import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { useWorkbench, type Workbench } from '../harness/workbench';

/** The heading id of the note the PostgreSQL primary opens (postgresql-transactions). */
const POSTGRES_SLUG = 'postgresql-transactions-and-concurrency';

describe('the architecture view in VS Code in the browser', () => {
  let workbench: Workbench;
  let frame: Frame;
  useWorkbench({ settings: { 'workbench.colorTheme': 'Default Light Modern' } }, (opened) => (workbench = opened));

  it('shows the whole system as one diagram whose parts are buttons', async () => {
    await workbench.runCommand('Nexus: Open Architecture');
    frame = await workbench.webviewFrame('.nexus-arch-diagram');
    await frame.locator('.nexus-arch-diagram .nexus-diagram[data-state="rendered"] svg').waitFor();
    const parts = frame.locator('.nexus-arch-diagram g.node[role="button"]');
    await parts.first().waitFor();
    assert.equal(await parts.count(), 15);
    assert.match((await frame.locator('g.node[data-component="redis"]').getAttribute('aria-label')) ?? '', /^Redis cache: Cache-aside for hot reads/);
    await frame.locator('g.node[data-component="redis"]').hover();
    await frame.locator('.nexus-arch-tooltip.nexus-visible', { hasText: 'Opens “Redis with Django' }).waitFor();
    await workbench.screenshot('architecture-light');
  });

  it('plays a request flow on the diagram in order and draws its sequence diagram beside it', async () => {
    await frame.locator('#nexus-flow').selectOption({ label: 'Cached read (cache hit / miss)' });
    const steps = frame.locator('.nexus-arch-steps li');
    assert.equal(await steps.count(), 6);
    await frame.locator('.nexus-arch-steps li.nexus-current').first().waitFor();
    await frame.locator('.nexus-arch-flow .nexus-diagram[data-state="rendered"] svg').waitFor();
    await frame.locator('.nexus-arch-steps li.nexus-done').nth(5).waitFor();
    const lit = await frame.locator('.nexus-arch-diagram .flowchart-link.nexus-lit').evaluateAll((edges) => edges.map((edge) => edge.getAttribute('data-id')));
    assert.deepEqual(lit.map((id) => id?.replace(/_\d+$/, '')).sort(), ['L_c_browser_c_nginx', 'L_c_django_c_postgres', 'L_c_django_c_redis', 'L_c_nginx_c_django']);
    assert.equal(await frame.locator('.nexus-arch-diagram g.node.nexus-lit').count(), 5);
    await workbench.screenshot('architecture-flow');
  });

  it('comes back after a reload with the chosen flow', async () => {
    // As for notes: the workbench saves its editor layout a moment after a change.
    await workbench.page.waitForTimeout(2000);
    await workbench.load();
    frame = await workbench.webviewFrame('.nexus-arch-diagram');
    await frame.locator('.nexus-arch-flow h2', { hasText: 'Cached read (cache hit / miss)' }).waitFor();
    assert.equal(await frame.locator('#nexus-flow').inputValue(), 'cached-read');
  });

  it('opens the caching note when the Redis part is clicked, and by keyboard', async () => {
    await frame.locator('.nexus-arch-diagram .nexus-diagram[data-state="rendered"] g.node[data-component="redis"]').click();
    await workbench.webviewFrame('h1#redis-with-django');
    await workbench.screenshot('architecture-opens-note');
    await frame.locator('g.node[data-component="postgres"]').focus();
    await frame.locator('g.node[data-component="postgres"]').press('Enter');
    await workbench.webviewFrame(`h1#${POSTGRES_SLUG}`);
  });
});
