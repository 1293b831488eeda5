import * as vscode from 'vscode';
import { emptyProgress, newerProgress, PROGRESS_KEY, readProgress, withStudied, type Progress } from '../core/progress';
import { readJson, writeFileAtomically } from './atomicWrite';

type SyncedState = vscode.Memento & { setKeysForSync(keys: readonly string[]): void };

/**
 * Progress kept twice: in globalState, which Settings Sync carries across machines, and in a file in the
 * extension's global storage, written at once. globalState alone can lose a change: in VS Code for the web
 * it reaches disk only when the page's storage flushes, which a quick reload or crash can beat.
 * On load the copy changed last wins.
 */
export class ProgressStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Progress>();
  readonly onDidChange = this.changed.event;
  private current: Progress = emptyProgress();
  private loading: Promise<void> | undefined;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly file: vscode.Uri;

  constructor(
    private readonly state: SyncedState,
    storage: vscode.Uri,
  ) {
    state.setKeysForSync([PROGRESS_KEY]);
    this.file = vscode.Uri.joinPath(storage, 'progress.v1.json');
  }

  /** Reads both copies once, on first use rather than during activation. */
  ready(): Promise<void> {
    this.loading ??= (async () => {
      // No file yet, or a damaged one, reads as empty progress: the synced copy stands in.
      const fromFile = readProgress(await readJson(this.file));
      this.current = newerProgress(readProgress(this.state.get(PROGRESS_KEY)), fromFile);
    })();
    return this.loading;
  }

  get(): Progress {
    return this.current;
  }

  async setStudied(ids: readonly string[], studied: boolean): Promise<void> {
    await this.ready();
    await this.save(withStudied(this.current, ids, studied, Date.now()));
  }

  async reset(): Promise<void> {
    await this.ready();
    await this.save(emptyProgress(Date.now()));
  }

  /** Shown as changed only once stored, so what the learner sees is always what a reload brings back. */
  private async save(next: Progress): Promise<void> {
    this.current = next;
    // Writes go one after another, so an older value can never land after a newer one.
    this.writes = this.writes.then(() => Promise.all([writeFileAtomically(this.file, JSON.stringify(next)), this.state.update(PROGRESS_KEY, next)])).catch((error: unknown) => {
      void vscode.window.showErrorMessage(`Nexus could not save your progress: ${String(error)}`);
    });
    await this.writes;
    this.changed.fire(this.current);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
