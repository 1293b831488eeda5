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
  /**
   * What the page shows beyond its first HTML: the last render sent as a message and the colours since. VS Code
   * drops a hidden panel's page and writes it anew from its first HTML when the tab is shown; its script then says
   * `ready` again and gets these, or it would show the panel's first note, uncoloured.
   */
  private replay: ExtensionToWebview[] = [];

  constructor(
    private readonly webview: vscode.Webview,
    /** Writes the panel's page with its first render in it (no ready round trip); used once. */
    private firstPage?: (first: FirstContent) => Promise<string>,
  ) {}

  post(message: ExtensionToWebview): void {
    if (message.type === 'render') {
      this.replay = [message];
    } else if (message.type === 'highlight') {
      this.replay.push(message);
    }
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
  async render(unstamped: RenderMessage, highlights: readonly PendingHighlight[]): Promise<void> {
    const message: RenderMessage = { ...unstamped, renderedAt: Date.now() };
    const firstPage = this.firstPage;
    if (firstPage) {
      this.firstPage = undefined;
      this.webview.html = await firstPage({ html: message.html, message: { ...message, html: '' } });
      this.replay = [];
    } else {
      this.post(message);
    }
    if (highlights.length > 0) {
      setImmediate(() => this.post({ type: 'highlight', blocks: highlightPending(highlights) }));
    }
  }

  /** The webview's `ready`: sends what waited, in order; to a page loaded again, what it showed beyond its HTML. */
  open(): void {
    const messages = this.ready ? this.replay : this.waiting.splice(0);
    this.ready = true;
    for (const message of messages) {
      void this.webview.postMessage(message);
    }
  }
}
