/**
 * The TypeScript side of the parity suite: the API composed from the drf- snippets (defaults accepted), built by
 * buildApp() with its own PGlite database in memory, served on 127.0.0.1.
 *
 *   node out/test/parity/tsServer.js --port N [--rates anon=20/minute,user=100/minute,login=5/minute] [--user name:password[:staff]]
 *     [--exit-with-stdin]
 *
 * Prints one ready line. /__parity__/ holds the same test-control routes as the DRF app (what a Django shell would do):
 * create a user; deactivate or demote one. Everything else is the composed app.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Express, Request, Response } from 'express';
import { materializeApi } from '../fixtures/snippet-api/compose';

interface BuiltApp {
  app: Express;
  db: { update(table: unknown): { set(values: object): { where(condition: unknown): { returning(): Promise<{ id: number; isActive: boolean; isStaff: boolean }[]> } } } };
  createUser(username: string, password: string, isStaff?: boolean): Promise<{ id: number; username: string }>;
  close(): Promise<void>;
}

export interface ServerOptions {
  port: number;
  rates: Record<string, string>;
  users: { username: string; password: string; isStaff: boolean }[];
}

export function parseServerArgs(argv: readonly string[]): ServerOptions {
  const options: ServerOptions = { port: 0, rates: {}, users: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value = ''] = [argv[i], argv[i + 1]];
    if (flag === '--port') {
      options.port = Number(value);
    } else if (flag === '--rates') {
      options.rates = Object.fromEntries(value.split(',').filter(Boolean).map((pair) => pair.split('=', 2) as [string, string]));
    } else if (flag === '--user') {
      const [username = '', password = '', flagText] = value.split(':');
      options.users.push({ username, password, isStaff: flagText === 'staff' });
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseServerArgs(process.argv.slice(2));
  const dir = materializeApi('parity-ts-');
  const load = createRequire(path.join(dir, 'index.js'));
  const { buildApp } = load('./app.js') as { buildApp(options: { rates: Record<string, string> }): Promise<BuiltApp> };
  const { users } = load('./user.model.js') as { users: { username: unknown } };
  const { eq } = load('drizzle-orm') as { eq(column: unknown, value: unknown): unknown };
  const express = load('express') as typeof import('express');

  const built = await buildApp({ rates: options.rates });
  for (const user of options.users) {
    await built.createUser(user.username, user.password, user.isStaff);
  }
  const control = express.Router();
  control.use(express.json());
  control.post('/users/', async (req: Request, res: Response) => {
    const body = req.body as { username: string; password: string; is_staff?: boolean };
    const user = await built.createUser(body.username, body.password, body.is_staff === true);
    res.status(201).json({ id: user.id, username: user.username });
  });
  control.post('/users/:username/', async (req: Request<{ username: string }>, res: Response) => {
    const body = req.body as { is_active?: boolean; is_staff?: boolean };
    const values = { ...(body.is_active === undefined ? {} : { isActive: body.is_active }), ...(body.is_staff === undefined ? {} : { isStaff: body.is_staff }) };
    const [row] = await built.db.update(users).set(values).where(eq(users.username, req.params.username)).returning();
    res.status(row ? 200 : 404).json(row ? { id: row.id, is_active: row.isActive, is_staff: row.isStaff } : { detail: 'Not found.' });
  });
  const outer = express();
  outer.use('/__parity__', control);
  outer.use(built.app);

  const server = outer.listen(options.port, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    console.log(`parity-ts ready http://127.0.0.1:${port}`);
  });
  const stop = (): void => {
    server.close();
    void built.close().finally(() => {
      fs.rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (process.argv.includes('--exit-with-stdin')) {
    // The parent holds our stdin open; when it is gone (even killed), stdin ends and so do we.
    process.stdin.on('end', stop).resume();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
