import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { freePort } from './codeServer';
import { freshTempDir } from './paths';

/** Debian's redis-server (package redis-server); NEXUS_REDIS_SERVER points elsewhere. */
export const REDIS_SERVER = process.env.NEXUS_REDIS_SERVER ?? '/usr/bin/redis-server';

export interface RunningRedis {
  host: string;
  port: number;
  /** redis://127.0.0.1:PORT */
  url: string;
  /** Stops the server, waits for its process to exit and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** One PING over a raw socket: true once the server answers +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) {
        done(reply.startsWith('+PONG'));
      }
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts a throwaway redis-server on a free loopback port, with no persistence, in its own temporary folder, and
 * resolves once it answers PING. Fails (never skips) when redis-server is not installed: the snippets that need Redis
 * are tested against the real thing or not at all.
 */
export async function startRedis({ binary = REDIS_SERVER, timeoutMs = 10_000, retries = 2 } = {}): Promise<RunningRedis> {
  if (!fs.existsSync(binary)) {
    throw new Error(`${binary} is missing: install Debian's redis-server (apt-get install redis-server) or set NEXUS_REDIS_SERVER.`);
  }
  const dir = freshTempDir('redis');
  const port = await freePort();
  const log: string[] = [];
  const child = spawn(
    binary,
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--loglevel', 'warning'],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  // A test runner that dies must not leave the server behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      process.removeListener('exit', killOnExit);
      // No pid: spawn failed, there is no process to stop.
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited(child);
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError) {
      await stop();
      throw new Error(`could not start ${binary}: ${spawnError.message}`);
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      // freePort() released the port before redis-server bound it, and someone else took it meanwhile.
      if (retries > 0 && log.join('').includes('Address already in use')) {
        return startRedis({ binary, timeoutMs, retries: retries - 1 });
      }
      throw new Error(`redis-server exited (${child.exitCode ?? child.signalCode}) before answering PING on port ${port}:\n${log.join('')}`);
    }
    if (await ping(port)) {
      break;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server did not answer PING on port ${port} within ${timeoutMs} ms:\n${log.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { host: '127.0.0.1', port, url: `redis://127.0.0.1:${port}`, stop };
}

/** Mocha hooks: one server for the enclosing describe, stopped after it even when a test fails. */
export function useRedis(): () => RunningRedis {
  let redis: RunningRedis | undefined;
  before(async function () {
    this.timeout(20_000);
    redis = await startRedis();
  });
  after(async () => {
    await redis?.stop();
  });
  return () => {
    if (!redis) {
      throw new Error('redis-server is not running: useRedis() must be called inside a describe block.');
    }
    return redis;
  };
}
