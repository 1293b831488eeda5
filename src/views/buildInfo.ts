import * as vscode from 'vscode';
import { isPreloadManifest, kindsToDraw, pagePreloads } from '../core/markdown/diagramPreloads';

const read = new Map<string, Promise<unknown>>();

/**
 * A JSON file esbuild.mjs writes into dist/webview (named .js, as the package ships only dist/ scripts), read once;
 * undefined in a build without it.
 */
function buildJson(extensionUri: vscode.Uri, name: string): Promise<unknown> {
  const uri = vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name);
  let json = read.get(uri.toString());
  if (!json) {
    json = Promise.resolve(vscode.workspace.fs.readFile(uri)).then(
      (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as unknown,
      () => undefined,
    );
    read.set(uri.toString(), json);
  }
  return json;
}

/** The mermaid version the webview bundles, which keys the persistent SVG cache; `unknown` in a build without it. */
export async function mermaidVersion(extensionUri: vscode.Uri): Promise<string> {
  const version = await buildJson(extensionUri, 'mermaid-version.js');
  return version === undefined ? 'unknown' : String(version);
}

/** What the first page of `script` with this HTML preloads: the script's chunks, and mermaid's for the diagrams still to draw. */
export async function pageChunks(extensionUri: vscode.Uri, script: string, html: string): Promise<string[]> {
  const manifest = await buildJson(extensionUri, 'preloads.js');
  return isPreloadManifest(manifest) ? pagePreloads(manifest, script, kindsToDraw(html)) : [];
}
