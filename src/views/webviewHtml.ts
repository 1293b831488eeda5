import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The shell of a Nexus webview: a nonce CSP (scripts only from our bundle, no eval, no inline handlers),
 * styles from our media plus the inline styles mermaid puts inside its SVGs, images only from local roots.
 */
/**
 * What a webview can show before its script runs: HTML already made safe by core (put in the page as it is, so
 * the text paints at once) and the message it came with (read by the script instead of waiting for a `ready`
 * round trip; inert JSON, never run).
 */
export interface FirstContent {
  html: string;
  message: object;
  /**
   * Scripts under dist/webview the page will import, fetched in parallel with it in this order (its own, then mermaid
   * for its diagrams); after the stylesheet, which the text waits for before it paints.
   */
  preload?: readonly string[];
  /** The page (and the renders after it) may carry drawings from the SVG cache as data: images. */
  drawingsInPage?: boolean;
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, script: string, stylesheet: string, title: string, first?: FirstContent): string {
  const nonce = randomBytes(16).toString('base64');
  const source = webview.cspSource;
  const csp = [
    "default-src 'none'",
    // data: only where the page carries drawings from the SVG cache (svgCache.markCached); an image runs no script.
    `img-src ${source}${first?.drawingsInPage ? ' data:' : ''}`,
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
${(first?.preload ?? []).map((chunk) => `<link rel="modulepreload" href="${webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', chunk)).toString()}">\n`).join('')}
<title>${escapeAttribute(title)}</title>
</head>
<body>
<main id="nexus-root" tabindex="-1">${first ? first.html : '<p class="nexus-loading">Loading…</p>'}</main>
${first ? `<script type="application/json" id="nexus-first">${JSON.stringify(first.message).replace(/</g, '\\u003c')}</script>` : ''}
<script type="module" nonce="${nonce}" src="${scriptUri.toString()}"></script>
</body>
</html>`;
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Gives a Nexus panel its icon and its webview options: scripts on, and local resources only from our bundles and
 * media plus the folders that panel shows files from (a note's folder, the learner's notes, a README's folder).
 */
export function dressPanel(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, extraRoots: readonly vscode.Uri[] = []): void {
  panel.iconPath = {
    light: vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'nexus-light.svg'),
    dark: vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'nexus-dark.svg'),
  };
  panel.webview.options = {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media'), ...extraRoots],
  };
}
