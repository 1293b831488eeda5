import * as assert from 'node:assert/strict';
import { useWorkbench, type Workbench } from '../harness/workbench';

describe('the Topics view in VS Code in the browser', () => {
  let workbench: Workbench;
  useWorkbench({ settings: { 'workbench.colorTheme': 'Default Light Modern' } }, (opened) => (workbench = opened));
  before(async () => {
    await workbench.openNexus();
  });

  it('shows the categories with progress, and a category expands to its topics', async () => {
    const devops = workbench.treeItem(/^DevOps, 0 of 3 studied/);
    await devops.waitFor();
    await devops.click();
    await workbench.treeItem(/^Docker images/).waitFor();
    await workbench.page.locator('.activitybar .badge-content', { hasText: /^35$/ }).waitFor();
    await workbench.screenshot('topics-light');
  });

  it('filters live to the topics that match a word, and clears the filter', async () => {
    await workbench.viewAction('Filter Topics…').click();
    await workbench.page.locator('.quick-input-widget input').fill('healthcheck');
    const message = workbench.page.getByText(/^Filtered by "healthcheck": \d+ of 35 topics\.$/);
    await message.waitFor();
    await workbench.treeItem(/^Docker Compose/).waitFor();
    assert.equal(await workbench.treeItem(/^JWT/).count(), 0, 'non-matching topics are hidden');
    await workbench.screenshot('topics-filtered');
    await workbench.page.locator('.quick-input-widget input').press('Enter');
    await workbench.viewAction('Clear Filter').click();
    await message.waitFor({ state: 'detached' });
    await workbench.treeItem(/^Security/).waitFor();
  });

  it('checks a topic as studied and still shows it checked after a reload', async () => {
    await workbench.expand(/^DevOps/);
    const docker = workbench.treeItem(/^Docker images/);
    await docker.getByRole('checkbox').click();
    await workbench.treeItem(/^DevOps, 1 of 3 studied/).waitFor();
    await workbench.treeItem(/^Docker images.*, studied$/).waitFor();
    await workbench.load();
    await workbench.openNexus();
    await workbench.treeItem(/^DevOps, 1 of 3 studied/).waitFor();
    await workbench.expand(/^DevOps/);
    const checkbox = workbench.treeItem(/^Docker images/).getByRole('checkbox');
    assert.equal(await checkbox.getAttribute('aria-checked'), 'true');
    await workbench.screenshot('topics-after-reload');
  });

  it('finds a topic by a word in its body with Go to Topic, and opens its note', async () => {
    await workbench.runCommand('Nexus: Go to Topic…');
    const input = workbench.page.locator('.quick-input-widget input');
    await input.fill('select_related');
    const first = workbench.page.locator('.quick-input-list .monaco-list-row').first();
    await first.waitFor();
    await workbench.screenshot('go-to-topic');
    const label = (await first.getAttribute('aria-label')) ?? '';
    await input.press('Enter');
    const frame = await workbench.noteFrame();
    await frame.locator('h1').first().waitFor();
    assert.ok(label.includes(await frame.locator('h1').first().innerText()), `${label} opened`);
  });

  it('looks right in a dark theme', async () => {
    await workbench.setColorTheme('Dark Modern', 'vs-dark');
    await workbench.screenshot('topics-dark');
  });
});

/** A learner with many notes of their own: Go to Topic's index then takes a moment to build. */
function manyNotes(count: number): Record<string, string> {
  const paragraph = 'Caching with Redis, queues with RabbitMQ and Celery, indexes in PostgreSQL, tokens with JWT. '.repeat(20);
  const files: Record<string, string> = {};
  for (let index = 0; index < count; index++) {
    files[`notes/journal/day-${index}.md`] = `# Day ${index} of the journal\n\n${paragraph}\n\n## What I built\n\n${paragraph}\n`;
  }
  return files;
}

describe('Go to Topic over hundreds of notes in VS Code in the browser', () => {
  let workbench: Workbench;
  useWorkbench({ workspaceFiles: manyNotes(600), settings: { 'nexus.notesFolders': ['notes'] } }, (opened) => (workbench = opened));

  it('opens the topic clicked right after typing its title', async () => {
    await workbench.runCommand('Nexus: Go to Topic…');
    await workbench.page.locator('.quick-input-widget input[placeholder^="Search topics"]').filter({ visible: true }).fill('Redis with Django');
    // Clicked as soon as the row shows: the first results must not replace the list under the pointer.
    await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Redis with Django' }).filter({ visible: true }).first().click();
    await workbench.page.locator('.tab.active', { hasText: 'Redis with Django' }).waitFor({ timeout: 15_000 });
  });
});
