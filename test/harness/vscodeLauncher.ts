#!/usr/bin/env node
/**
 * Stands in for a desktop VS Code executable when `@vscode/test-electron`'s runTests is given it as
 * `vscodeExecutablePath`: it maps the desktop arguments onto code-server plus headless Chromium, relays the
 * extension host's console, and exits with the tests' exit code, so one entry point serves desktop and offline.
 */
import * as path from 'node:path';
import { format } from 'node:util';
import { launchChromium } from './browser';
import { freePort, startCodeServer } from './codeServer';

const TEST_TIMEOUT_MS = Number(process.env.NEXUS_TEST_TIMEOUT_MS ?? 10 * 60 * 1000);

interface LaunchArgs {
  folder?: string;
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  userDataDir: string;
  extensionsDir: string;
}

function parseArgs(argv: string[]): LaunchArgs {
  const named = new Map<string, string>();
  const positional: string[] = [];
  for (const arg of argv) {
    const match = /^--([^=]+)=(.*)$/.exec(arg);
    if (match) {
      named.set(match[1], match[2]);
    } else if (!arg.startsWith('--')) {
      positional.push(arg);
    }
  }
  const need = (key: string): string => {
    const value = named.get(key);
    if (!value) {
      throw new Error(`vscodeLauncher: missing --${key}=`);
    }
    return path.resolve(value);
  };
  return {
    folder: positional[0] ? path.resolve(positional[0]) : undefined,
    extensionDevelopmentPath: need('extensionDevelopmentPath'),
    extensionTestsPath: need('extensionTestsPath'),
    userDataDir: need('user-data-dir'),
    extensionsDir: need('extensions-dir'),
  };
}

/** The workbench accepts development and test paths only as URIs of its own remote authority. */
function remoteUri(authority: string, file: string): string {
  return `vscode-remote://${authority}${file}`;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const port = await freePort();
  const server = await startCodeServer({ port, userDataDir: args.userDataDir, extensionsDir: args.extensionsDir });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      void page.exposeFunction('codeAutomationLog', (_level: string, logArgs: unknown[]) => {
        const line = format(...logArgs);
        console.log(line);
        if (line.includes('No extension host found that can launch the test runner')) {
          resolve(1);
        }
      });
      setTimeout(() => {
        console.error(`vscodeLauncher: no exit code after ${TEST_TIMEOUT_MS} ms`);
        resolve(1);
      }, TEST_TIMEOUT_MS).unref();
    });
    const authority = `127.0.0.1:${port}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remoteUri(authority, args.extensionDevelopmentPath)],
      ['extensionTestsPath', remoteUri(authority, args.extensionTestsPath)],
    ]);
    const query = new URLSearchParams({ payload });
    if (args.folder) {
      query.set('folder', args.folder);
    }
    await page.goto(`${server.url}/?${query.toString()}`);
    return await exitCode;
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
