import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The shell of a Nexus webview: a nonce CSP (scripts only from our bundle, no eval, no inline handlers),
 * styles from our media plus the inline styles mermaid puts inside its SVGs, images only from local roots.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, script: string, stylesheet: string, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const source = webview.cspSource;
  const csp = [
    "default-src 'none'",
    `img-src ${source}`,
    `style-src ${source} 'unsafe-inline'`,
    `font-src ${source}`,
    // The nonce admits our entry module; the source admits the lazy chunks it imports (mermaid's diagrams).
    `script-src 'nonce-${nonce}' ${source}`,
  ].join('; ');
  const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', script));
  const styleUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', stylesheet));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styleUri.toString()}">
<title>${escapeAttribute(title)}</title>
</head>
<body>
<main id="nexus-root" tabindex="-1"><p class="nexus-loading">Loading…</p></main>
<script type="module" nonce="${nonce}" src="${scriptUri.toString()}"></script>
</body>
</html>`;
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
