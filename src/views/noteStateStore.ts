import * as vscode from 'vscode';
import { isNoteState, type NoteState } from '../protocol';
import { readJson, writeFileAtomically } from './atomicWrite';

const SCROLL_SAVE_DELAY_MS = 500;

/**
 * What each open note panel shows, by panel id, written to a file as it changes. VS Code restores a panel with
 * the webview state it last persisted, and in the browser that can be older than what the panel showed (its
 * storage flushes late); the panel id in that state finds the newer record here.
 */
export class NoteStateStore {
  private records: Map<string, NoteState> | undefined;
  private writes: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly file: vscode.Uri;

  constructor(storage: vscode.Uri) {
    this.file = vscode.Uri.joinPath(storage, 'note-panels.v1.json');
  }

  private async load(): Promise<Map<string, NoteState>> {
    if (!this.records) {
      const raw = await readJson(this.file);
      const entries = raw && typeof raw === 'object' ? Object.values(raw as Record<string, unknown>) : [];
      this.records ??= new Map(entries.filter(isNoteState).map((state) => [state.panelId, state]));
    }
    return this.records;
  }

  async get(panelId: string): Promise<NoteState | undefined> {
    return (await this.load()).get(panelId);
  }

  /** A new topic is saved at once; scrolling within one is saved a moment after it stops. */
  async record(state: NoteState): Promise<void> {
    const records = await this.load();
    const previous = records.get(state.panelId);
    records.set(state.panelId, state);
    clearTimeout(this.timer);
    if (previous?.topicId === state.topicId) {
      this.timer = setTimeout(() => void this.save(), SCROLL_SAVE_DELAY_MS);
    } else {
      await this.save();
    }
  }

  async forget(panelId: string): Promise<void> {
    if ((await this.load()).delete(panelId)) {
      await this.save();
    }
  }

  private save(): Promise<unknown> {
    const snapshot = JSON.stringify(Object.fromEntries(this.records ?? []));
    this.writes = this.writes.then(() => writeFileAtomically(this.file, snapshot)).catch(() => undefined);
    return this.writes;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
