import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { freePort, installExtension, QUIET_PROFILE, startCodeServer, writeSettings, type RunningCodeServer } from './codeServer';
import { artifactsDir, freshTempDir, vsixPath } from './paths';

export interface WorkbenchOptions {
  /** Files to lay into the workspace folder, by relative path. */
  workspaceFiles?: Record<string, string>;
  /** User settings (settings.json) for the fresh profile. */
  settings?: Record<string, unknown>;
}

/**
 * The packaged .vsix installed into code-server with a fresh profile and workspace, opened in headless
 * Chromium: what a learner sees, driven the way a learner drives it.
 */
export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly browser: Browser,
    private readonly server: RunningCodeServer,
    private readonly scratch: string,
    readonly workspace: string,
  ) {}

  static async open(options: WorkbenchOptions = {}): Promise<Workbench> {
    const scratch = freshTempDir('e2e');
    const userDataDir = path.join(scratch, 'user-data');
    const extensionsDir = path.join(scratch, 'extensions');
    const workspace = path.join(scratch, 'workspace');
    for (const [file, text] of Object.entries({ 'README.md': '# Workspace\n', ...options.workspaceFiles })) {
      fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
      fs.writeFileSync(path.join(workspace, file), text);
    }
    // Tests start without the first-run walkthrough, unless they are about it.
    writeSettings(userDataDir, { ...QUIET_PROFILE, 'nexus.walkthrough.openOnFirstRun': false, ...options.settings });
    installExtension(vsixPath(), { userDataDir, extensionsDir });
    const server = await startCodeServer({ port: await freePort(), userDataDir, extensionsDir });
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const workbench = new Workbench(page, browser, server, scratch, workspace);
    await workbench.load();
    return workbench;
  }

  /** Loads (or reloads) the workbench page and waits until it is interactive. */
  async load(): Promise<void> {
    await this.page.goto(`${this.server.url}/?folder=${encodeURIComponent(this.workspace)}`);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.page.locator('.activitybar').waitFor();
  }

  /**
   * Waits until the workbench has written one state value naming every one of `texts` (and none of `absent`, which
   * tells a save made after a change from one made before it) to its storage (IndexedDB in the browser). It
   * writes every 5 s while the page has focus, and on unload only as far as the browser lets it finish, so a
   * test that reloads to see something restored first waits for it here, as a learner's later reload would find it.
   */
  async waitForSavedState(texts: string[], absent: string[] = [], timeout = 30_000): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = await this.page.evaluate(async ([wanted, unwanted]) => {
        const names = (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('vscode-web-state-db-'));
        for (const name of names) {
          const values = await new Promise<unknown[]>((resolve) => {
            const open = indexedDB.open(name);
            open.onerror = () => resolve([]);
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains('ItemTable')) {
                db.close();
                resolve([]);
                return;
              }
              const store = db.transaction('ItemTable').objectStore('ItemTable');
              const request = store.getAll();
              request.onsuccess = () => {
                db.close();
                resolve(request.result);
              };
              request.onerror = () => {
                db.close();
                resolve([]);
              };
            };
          });
          if (values.some((value) => typeof value === 'string' && wanted.every((text) => value.includes(text)) && !unwanted.some((text) => value.includes(text)))) {
            return true;
          }
        }
        return false;
      }, [texts, absent] as const);
      if (found) {
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(`the workbench saved no state naming ${texts.join(' and ')} within ${timeout} ms`);
      }
      await this.page.waitForTimeout(500);
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.stop();
    fs.rmSync(this.scratch, { recursive: true, force: true });
  }

  /** Clicks the Nexus icon in the activity bar and waits for the Topics view. */
  async openNexus(): Promise<void> {
    const tree = this.page.getByRole('tree', { name: 'Topics' });
    if (await tree.isVisible()) {
      return;
    }
    // The icon toggles its container: a click the workbench took while busy can leave it closed, so look and retry.
    for (let attempt = 1; ; attempt++) {
      await this.activityIcon('Nexus').click();
      try {
        await tree.waitFor({ timeout: 10_000 });
        return;
      } catch (error) {
        if (attempt === 3) {
          throw error;
        }
      }
    }
  }

  /** An activity-bar entry; the whole item, since its badge (topics left) sits over the icon. */
  activityIcon(title: string): Locator {
    return this.page.locator('.activitybar li.action-item').filter({ has: this.page.locator(`a.action-label[aria-label^="${title}"]`) });
  }

  /** A visible action in a view's title bar, by its title. */
  viewAction(title: string): Locator {
    return this.page.locator(`.action-label[aria-label="${title}"]`).filter({ visible: true }).first();
  }

  treeItem(label: string | RegExp): Locator {
    return this.page.getByRole('treeitem', { name: label });
  }

  /** Opens a workspace file in the editor by Quick Open (`path` relative to the workspace) and waits for its tab. */
  async openFile(file: string): Promise<void> {
    const name = path.basename(file);
    await this.page.locator('.monaco-workbench').press('Control+P');
    await this.page.locator('.quick-input-widget input').filter({ visible: true }).fill(file);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).filter({ visible: true }).first().click();
    await this.page.locator(`.tab.active[data-resource-name="${name}"]`).first().waitFor();
  }

  /** Runs a command from the palette by its full title, e.g. `Nexus: Go to Topic…`. */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input').filter({ visible: true });
    // F1 goes to whatever has the focus; when a webview (a note) swallows it, click a neutral spot and retry.
    for (let attempt = 0; attempt < 3 && !(await input.isVisible()); attempt++) {
      if (attempt > 0) {
        await this.page.locator('.part.statusbar').click({ position: { x: 600, y: 5 } }).catch(() => undefined);
      }
      await this.page.locator('.monaco-workbench').press('F1');
      await input.waitFor({ timeout: 3000 }).catch(() => undefined);
    }
    // The palette may rank a similar command first (recently used ones are); pick the one with this very title.
    const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exact }) }).first();
    // Right after the page loads, on a busy machine, the palette can open before the extensions' commands are listed:
    // type the title again until it is there.
    for (let attempt = 1; ; attempt++) {
      await input.fill(`>${title}`);
      try {
        await row.waitFor({ timeout: 10_000 });
        break;
      } catch (error) {
        if (attempt === 3) {
          throw error;
        }
        await input.fill('');
      }
    }
    await row.click();
  }

  /** The frame of the webview that shows a Nexus note, for checks that must run inside it. */
  noteFrame(timeoutMs = 30_000): Promise<Frame> {
    return this.webviewFrame('#nexus-root', timeoutMs);
  }

  /** The frame of a Nexus webview holding an element that matches the selector. */
  async webviewFrame(selector: string, timeoutMs = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const frame of this.page.frames()) {
        if (await frame.$(`#nexus-root ${selector}, #nexus-root${selector}`).catch(() => null)) {
          return frame;
        }
      }
      await this.page.waitForTimeout(200);
    }
    throw new Error(`no Nexus webview with ${selector} appeared`);
  }

  /**
   * Opens a topic's note through `Nexus: Go to Topic…` and returns the note's frame once its title shows.
   * Tried twice: under load the picker can take the first keystrokes before it lists results.
   */
  async goToTopic(title: string): Promise<Frame> {
    // On a busy machine the picker can close before it takes the text (focus moves to a webview): start it again.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.runCommand('Nexus: Go to Topic…');
        const input = this.page.locator('.quick-input-widget input[placeholder^="Search topics"]').filter({ visible: true });
        await input.fill(title, { timeout: 10_000 });
        await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).filter({ visible: true }).first().click({ timeout: 10_000 });
        const frame = await this.webviewFrame(`h1`, 15_000);
        await frame.locator('h1', { hasText: title }).waitFor({ timeout: 15_000 });
        return frame;
      } catch (error) {
        if (attempt === 3) {
          throw error;
        }
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /** Switches the color theme the way a learner does, through `Preferences: Color Theme`. */
  async setColorTheme(name: string, kind: 'vs' | 'vs-dark' | 'hc-black' | 'hc-light'): Promise<void> {
    await this.runCommand('Preferences: Color Theme');
    // The theme picker is a new quick input that takes the focus; type into whatever has it.
    await this.page.locator('.quick-input-widget input[aria-label*="theme" i]').filter({ visible: true }).waitFor();
    await this.page.keyboard.type(name);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
    await this.page.locator(`.monaco-workbench.${kind}`).waitFor();
  }

  /** Expands a tree row (a no-op when it is expanded already). */
  async expand(label: string | RegExp): Promise<void> {
    const row = this.treeItem(label);
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.click();
    }
    await this.page.waitForFunction(
      (element) => element?.getAttribute('aria-expanded') === 'true',
      await row.elementHandle(),
    );
  }

  /** For an afterEach hook: a failing test leaves a picture of what the learner would have seen. */
  async screenshotIfFailed(test: Mocha.Test | undefined): Promise<void> {
    if (test?.state === 'failed') {
      await this.screenshot(`FAILED ${test.title}`.replace(/[^\w-]+/g, '-')).catch(() => undefined);
    }
  }

  async screenshot(name: string): Promise<string> {
    const file = path.join(artifactsDir, 'screenshots', `${name}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file, animations: 'disabled' });
    return file;
  }
}

/**
 * One workbench for a describe block: opened before its tests, closed after them, and a picture left of each
 * failing test. `use` receives it once open. Register further `before` hooks after this call.
 */
export function useWorkbench(options: WorkbenchOptions, use: (workbench: Workbench) => void): void {
  let workbench: Workbench | undefined;
  before(async () => {
    workbench = await Workbench.open(options);
    use(workbench);
  });
  afterEach(async function () {
    await workbench?.screenshotIfFailed(this.currentTest);
  });
  after(async () => {
    await workbench?.close();
  });
}
