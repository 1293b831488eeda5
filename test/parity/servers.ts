/**
 * Starts the two APIs of the parity suite as child processes, each in its own process group on a free loopback
 * port with its own database: real DRF (/usr/bin/python3 test/parity/drf/serve.py, sqlite in a temp folder) and
 * the TypeScript API composed from the snippets (tsServer.js, PGlite in memory). Each child holds a pipe from us on
 * its stdin and exits when it closes, so none outlives this process, even when it is killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export type SideName = 'drf' | 'ts';

export interface RunningServer {
  side: SideName;
  baseUrl: string;
  stop(): Promise<void>;
}

export const PYTHON = process.env.NEXUS_PARITY_PYTHON ?? '/usr/bin/python3';

/** Rates that no scenario reaches, and the tight ones the throttle scenarios run against. */
export const GENEROUS_RATES = { anon: '100000/minute', user: '100000/minute', login: '100000/minute' };
export const TIGHT_RATES = { anon: '2/minute', user: '3/minute', login: '3/second' };

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    dir = path.dirname(dir);
  }
  return dir;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function waitForReady(child: ChildProcess, side: SideName, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`${side} server not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /ready (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => fail(new Error(`${side} server exited with ${code}:\n${output}`)));
  });
}

/** Kills the whole process group (the server and anything it started) and waits for the exit. */
function stopper(child: ChildProcess, cleanup: () => void): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      const done = (): void => {
        cleanup();
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
        done();
        return;
      }
      const force = setTimeout(() => {
        try {
          process.kill(-(child.pid as number), 'SIGKILL');
        } catch {
          // already gone
        }
      }, 3000);
      child.once('exit', () => {
        clearTimeout(force);
        done();
      });
      try {
        process.kill(-(child.pid as number), 'SIGTERM');
      } catch {
        clearTimeout(force);
        done();
      }
    });
}

const ratesArg = (rates: Record<string, string>): string =>
  Object.entries(rates)
    .map(([scope, rate]) => `${scope}=${rate}`)
    .join(',');

const userArgs = (users: readonly string[]): string[] => users.flatMap((user) => ['--user', user]);

export async function startDrf(rates: Record<string, string>, users: readonly string[] = []): Promise<RunningServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parity-drf-'));
  const port = await freePort();
  const child = spawn(
    PYTHON,
    [path.join(repoRoot(), 'test', 'parity', 'drf', 'serve.py'), '--port', String(port), '--db', path.join(dir, 'db.sqlite3'), '--rates', ratesArg(rates), ...userArgs(users), '--exit-with-stdin'],
    { detached: true, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } },
  );
  const stop = stopper(child, () => fs.rmSync(dir, { recursive: true, force: true }));
  try {
    return { side: 'drf', baseUrl: await waitForReady(child, 'drf', 30_000), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function startTs(rates: Record<string, string>, users: readonly string[] = []): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(__dirname, 'tsServer.js'), '--port', String(port), '--rates', ratesArg(rates), ...userArgs(users), '--exit-with-stdin'], {
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stop = stopper(child, () => undefined);
  try {
    return { side: 'ts', baseUrl: await waitForReady(child, 'ts', 60_000), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface ServerPair {
  drf: RunningServer;
  ts: RunningServer;
  stop(): Promise<void>;
}

/** NEXUS_PARITY_SELF=1 puts DRF on both sides: a check of the comparison itself, which must then find nothing. */
export async function startPair(rates: Record<string, string>, users: readonly string[] = []): Promise<ServerPair> {
  const self = process.env.NEXUS_PARITY_SELF === '1';
  const [drf, ts] = await Promise.allSettled([startDrf(rates, users), self ? startDrf(rates, users) : startTs(rates, users)]);
  if (drf.status === 'rejected' || ts.status === 'rejected') {
    await Promise.all([drf, ts].map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
    throw drf.status === 'rejected' ? drf.reason : (ts as PromiseRejectedResult).reason;
  }
  return { drf: drf.value, ts: ts.value, stop: async () => void (await Promise.all([drf.value.stop(), ts.value.stop()])) };
}
