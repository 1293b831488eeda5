import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot, vsixPath } from '../harness/paths';

const webviewDir = path.join(repoRoot, 'dist', 'webview');

export interface Size {
  bytes: number;
  gzip: number;
}

function sizeOf(files: string[]): Size {
  let bytes = 0;
  let gzip = 0;
  for (const file of files) {
    const content = fs.readFileSync(file);
    bytes += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return { bytes, gzip };
}

/** A webview entry and every chunk it imports statically: what loads before any diagram is drawn. */
export function initialScriptFiles(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) {
      return;
    }
    seen.add(file);
    const code = fs.readFileSync(file, 'utf8');
    // Static imports only (`import … from "./x.js"` / `import "./x.js"`); `import("./x.js")` loads later.
    for (const match of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.[^"']+)["']/g)) {
      visit(path.resolve(path.dirname(file), match[1]));
    }
  };
  visit(path.join(webviewDir, entry));
  return [...seen];
}

export function initialScript(entry: string): Size {
  return sizeOf(initialScriptFiles(entry));
}

export function extensionBundle(): Size {
  return sizeOf([path.join(repoRoot, 'dist', 'extension.js')]);
}

export function vsix(): Size {
  const bytes = fs.statSync(vsixPath()).size;
  return { bytes, gzip: bytes };
}

/** Files of dist/webview that a page requested, by the URLs the browser loaded. */
export function loadedChunks(urls: string[]): Size & { files: number } {
  const files = [...new Set(urls.map((url) => /\/dist\/webview\/(.+?\.js)(?=[?&#]|$)/.exec(decodeURIComponent(url))?.[1]).filter((file): file is string => file !== undefined))];
  return { ...sizeOf(files.map((file) => path.join(webviewDir, file))), files: files.length };
}
