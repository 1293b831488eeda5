import type * as vscode from 'vscode';
import type { ExtensionToWebview } from '../protocol';

/**
 * Messages to a note-like webview, held until its script says it is ready (a message posted before is lost).
 * A render replaces whatever waited, since it redraws everything; what follows it (colours, a line to reveal) queues.
 */
export class WebviewOutbox {
  private ready = false;
  private waiting: ExtensionToWebview[] = [];

  constructor(private readonly webview: vscode.Webview) {}

  post(message: ExtensionToWebview): void {
    if (this.ready) {
      void this.webview.postMessage(message);
    } else {
      this.waiting = message.type === 'render' ? [message] : [...this.waiting, message];
    }
  }

  /** The webview's `ready`: sends what waited, in order. */
  open(): void {
    this.ready = true;
    for (const message of this.waiting.splice(0)) {
      void this.webview.postMessage(message);
    }
  }
}
