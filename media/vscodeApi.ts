import { isExtensionToWebview, type ExtensionToWebview, type WebviewToExtension } from '../src/protocol';

interface VsCodeApi<State> {
  postMessage(message: WebviewToExtension): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

/** The webview's one handle on the extension: typed messages out, validated messages in. */
export function connect<State>(onMessage: (message: ExtensionToWebview) => void): VsCodeApi<State> {
  const api = acquireVsCodeApi<State>();
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (isExtensionToWebview(event.data)) {
      onMessage(event.data);
    }
  });
  return api;
}
