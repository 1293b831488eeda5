import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { cacheDir, freshTempDir } from './paths';

/** The newest code-server whose engines.node accepts Node 20 (VS Code 1.100.3). */
export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

const installDir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
const entry = path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
  }
}

/**
 * Installs code-server from the npm registry into the ignored cache on first use and returns its entry script.
 * Offline steps (see shared TESTING.md): @vscode/ripgrep's postinstall would download rg from the network, so a
 * cached archive holding Debian's /usr/bin/rg is placed where it looks first; as root the postinstall needs
 * --unsafe-perm, and a nested `npx node-gyp` needs npm_config_yes.
 */
export function ensureCodeServer(): string {
  if (fs.existsSync(entry)) {
    return entry;
  }
  const rg = '/usr/bin/rg';
  if (!fs.existsSync(rg)) {
    throw new Error(`${rg} is missing: install Debian's ripgrep (apt-get install ripgrep libkrb5-dev chromium)`);
  }
  console.log(`Installing code-server ${CODE_SERVER_VERSION} into ${installDir} (once, about a minute)…`);
  const tmp = freshTempDir('rg');
  try {
    fs.mkdirSync(path.join(tmp, RIPGREP_CACHE));
    fs.copyFileSync(rg, path.join(tmp, 'rg'));
    run('tar', ['czf', path.join(tmp, RIPGREP_CACHE, RIPGREP_ARCHIVE), '-C', tmp, 'rg']);
    const staging = `${installDir}.partial`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: 'nexus-code-server', private: true }));
    run('npm', ['install', '--unsafe-perm', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: staging,
      env: { ...process.env, TMPDIR: tmp, npm_config_yes: 'true' },
    });
    // Renamed only when complete, so an interrupted install is redone rather than half-used.
    fs.rmSync(installDir, { recursive: true, force: true });
    fs.renameSync(staging, installDir);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return entry;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface CodeServerOptions {
  port: number;
  userDataDir: string;
  extensionsDir: string;
  /** Extra environment for the server; it reaches the extension host. */
  env?: NodeJS.ProcessEnv;
  /** Where the server's own output goes; defaults to a log file in the user data dir. */
  onOutput?: (text: string) => void;
}

export interface RunningCodeServer {
  url: string;
  stop(): Promise<void>;
}

function baseArgs(options: Pick<CodeServerOptions, 'userDataDir' | 'extensionsDir'>): string[] {
  const config = path.join(options.userDataDir, 'code-server.yaml');
  fs.mkdirSync(options.userDataDir, { recursive: true });
  // An explicit config keeps code-server from reading ~/.config/code-server, which may ask for a password.
  fs.writeFileSync(config, 'auth: none\n');
  return [
    '--config', config,
    '--user-data-dir', options.userDataDir,
    '--extensions-dir', options.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
  ];
}

function serverEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // An empty gallery turns off marketplace requests that would fail on a closed network.
  return { ...process.env, EXTENSIONS_GALLERY: '{"serviceUrl":""}', ...extra };
}

/** A fresh profile that shows Nexus, not VS Code's own welcome page and tips, when the workbench opens. */
export const QUIET_PROFILE: Record<string, unknown> = { 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false };

export function writeSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

export function installExtension(vsix: string, options: Pick<CodeServerOptions, 'userDataDir' | 'extensionsDir'>): void {
  const codeServer = ensureCodeServer();
  run(process.execPath, [codeServer, ...baseArgs(options), '--install-extension', vsix, '--force'], { env: serverEnv() });
}

/** Starts code-server as its own process group, resolved once it listens. */
export function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const codeServer = ensureCodeServer();
  const args = [
    codeServer,
    ...baseArgs(options),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${options.port}`,
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
  const log = options.onOutput ?? fileLogger(path.join(options.userDataDir, 'code-server.log'));
  const child = spawn(process.execPath, args, { detached: true, env: serverEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let ready = false;
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      log(text);
      if (!ready && text.includes('HTTP server listening')) {
        ready = true;
        resolve({ url: `http://127.0.0.1:${options.port}`, stop: () => stopTree(child) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      if (!ready) {
        reject(new Error(`code-server exited with ${code} before listening; see its output above`));
      }
    });
  });
}

function fileLogger(file: string): (text: string) => void {
  return (text) => fs.appendFileSync(file, text);
}

/** code-server is a tree (server, extension host, watchers): stop the whole process group. */
function stopTree(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.pid === undefined) {
      resolve();
      return;
    }
    const pid = child.pid;
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      // Stragglers in the group (watchers) go too.
      signalGroup(pid, 'SIGKILL');
      resolve();
    });
    signalGroup(pid, 'SIGTERM');
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
