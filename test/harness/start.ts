/**
 * `npm start`: the packaged Nexus installed into code-server with a fresh profile and a sample workspace, served
 * on 127.0.0.1:8080 (PORT overrides) until Ctrl+C, leaving no process behind.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installExtension, QUIET_PROFILE, startCodeServer, writeSettings } from './codeServer';
import { cacheDir, vsixPath } from './paths';

const SAMPLE_NOTE = `# My backend notes

Open the **Nexus** icon in the activity bar to study the topics.
Your own notes can live beside this file.
`;

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  const home = path.join(cacheDir, 'start');
  fs.rmSync(home, { recursive: true, force: true });
  const userDataDir = path.join(home, 'user-data');
  const extensionsDir = path.join(home, 'extensions');
  const workspace = path.join(home, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'my-notes.md'), SAMPLE_NOTE);
  // Nexus opens its own walkthrough on this first start; VS Code's generic one stays closed.
  writeSettings(userDataDir, QUIET_PROFILE);
  installExtension(vsixPath(), { userDataDir, extensionsDir });
  const server = await startCodeServer({ port, userDataDir, extensionsDir, onOutput: () => undefined });
  console.log(`\nNexus is running: ${server.url}/?folder=${encodeURIComponent(workspace)}\nPress Ctrl+C to stop.`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    void server.stop().then(() => process.exit(0));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, stop);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
