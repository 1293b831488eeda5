import type * as vscode from 'vscode';
import { highlightPending, type PendingHighlight } from '../core/highlight';
import type { ExtensionToWebview, RenderMessage } from '../protocol';
import type { FirstContent } from './webviewHtml';

/**
 * Messages to a note-like webview, held until its script says it is ready (a message posted before is lost).
 * A render replaces whatever waited, since it redraws everything; what follows it (colours, a line to reveal) queues.
 */
export class WebviewOutbox {
  private ready = false;
  private waiting: ExtensionToWebview[] = [];

  constructor(
    private readonly webview: vscode.Webview,
    /** Writes the panel's page with its first render in it (no ready round trip); used once. */
    private firstPage?: (first: FirstContent) => Promise<string>,
  ) {}

  post(message: ExtensionToWebview): void {
    if (this.ready) {
      void this.webview.postMessage(message);
    } else {
      this.waiting = message.type === 'render' ? [message] : [...this.waiting, message];
    }
  }

  /**
   * Shows a render (in the page itself the first time, when there is a first page to write), then highlights the
   * blocks it left plain a task later, so the text never waits for highlight.js, and sends their colours.
   */
  async render(message: RenderMessage, highlights: readonly PendingHighlight[]): Promise<void> {
    const firstPage = this.firstPage;
    if (firstPage) {
      this.firstPage = undefined;
      this.webview.html = await firstPage({ html: message.html, message: { ...message, html: '' } });
    } else {
      this.post(message);
    }
    if (highlights.length > 0) {
      setImmediate(() => this.post({ type: 'highlight', blocks: highlightPending(highlights) }));
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
