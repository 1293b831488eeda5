import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { useWorkbench, type Workbench } from '../harness/workbench';

/** The Docker note has four self-check questions. */
const DOCKER_CARDS = 4;

describe('review of the self-checks in VS Code in the browser', () => {
  let workbench: Workbench;
  useWorkbench({ settings: { 'workbench.colorTheme': 'Default Light Modern' } }, (opened) => (workbench = opened));
  before(async () => {
    await workbench.openNexus();
  });

  const dueInStatusBar = (count: number) => workbench.page.locator('.part.statusbar').getByRole('button', { name: `Nexus: ${count} ${count === 1 ? 'card' : 'cards'} due for review` });

  /** Shows the answer and answers Good, by keyboard only, then waits for the next card. */
  async function answerGood(frame: Frame, reviewed: number): Promise<void> {
    await frame.locator('#review-question').press('Space');
    const good = frame.getByRole('button', { name: /^Good, next in 10m, key 3$/ });
    await good.waitFor();
    assert.equal(await frame.locator('#review-answer').isVisible(), true, 'Space shows the answer');
    await frame.locator('#review-answer').press('3');
    await frame.locator('.review-counts', { hasText: `${DOCKER_CARDS - reviewed} left · ${reviewed} reviewed` }).waitFor();
  }

  it('puts a topic marked studied in review, with its due count in the Topics view and the status bar', async () => {
    await workbench.expand(/^DevOps/);
    await workbench.treeItem(/^Docker images/).getByRole('checkbox').click();
    await workbench.treeItem(new RegExp(`^DevOps, 1 of 3 studied, ${DOCKER_CARDS} due for review`)).waitFor();
    await dueInStatusBar(DOCKER_CARDS).waitFor();
    await workbench.screenshot('review-due-counts');
  });

  it('reviews three cards by keyboard: Space shows the answer, 3 answers Good, each button shows its interval', async () => {
    await dueInStatusBar(DOCKER_CARDS).click();
    const frame = await workbench.webviewFrame('#review-question');
    await frame.locator('.review-counts', { hasText: `${DOCKER_CARDS} left · 0 reviewed` }).waitFor();
    assert.match(await frame.locator('.review-source a').innerText(), /^Docker images/);
    await workbench.screenshot('review-question-light');
    await frame.locator('#review-question').press('Space');
    for (const name of ['Again, next in 1m', 'Hard, next in 6m', 'Good, next in 10m', 'Easy, next in 8d']) {
      await frame.getByRole('button', { name: new RegExp(`^${name}`) }).waitFor();
    }
    await workbench.screenshot('review-answer-light');
    await frame.locator('#review-answer').press('3');
    await frame.locator('.review-counts', { hasText: `${DOCKER_CARDS - 1} left · 1 reviewed` }).waitFor();
    await answerGood(frame, 2);
    await answerGood(frame, 3);
    await dueInStatusBar(DOCKER_CARDS - 3).waitFor();
  });

  it('looks right in dark and high contrast themes', async () => {
    const frame = await workbench.webviewFrame('#review-question');
    await frame.locator('#review-question').press('Space');
    await frame.getByRole('button', { name: /^Good/ }).waitFor();
    await workbench.setColorTheme('Dark Modern', 'vs-dark');
    await workbench.screenshot('review-answer-dark');
    await workbench.setColorTheme('Dark High Contrast', 'hc-black');
    await workbench.screenshot('review-answer-high-contrast');
  });

  it('keeps the due count and the history after a reload of the window', async () => {
    await workbench.load();
    await workbench.openNexus();
    await dueInStatusBar(DOCKER_CARDS - 3).waitFor({ timeout: 30_000 });
    await workbench.treeItem(new RegExp(`^DevOps, 1 of 3 studied, ${DOCKER_CARDS - 3} due for review`)).waitFor();
    await workbench.runCommand('Nexus: Review Stats');
    const frame = await workbench.webviewFrame('.review-table');
    const row = frame.getByRole('row', { name: /^Docker images/ });
    assert.deepEqual(await row.locator('td').allInnerTexts(), [String(DOCKER_CARDS), '3', '—']);
    await frame.getByRole('img', { name: /^Cards due per day: Today \d+/ }).waitFor();
    await workbench.screenshot('review-stats-high-contrast');
    await workbench.setColorTheme('Light Modern', 'vs');
    await workbench.screenshot('review-stats-light');
  });
});
