/**
 * `npm run parity`: the parity layer on its own (the same mocha run as in `npm test`).
 * `npm run parity -- --serve`: both APIs on loopback ports, seeded with alice (staff) and bob, until Ctrl+C, so they
 * can be compared by hand with curl.
 */
import { randomBytes } from 'node:crypto';
import { parity } from '../harness/layers';
import type { SideContext } from './engine';
import { seed } from './seed';
import { startPair } from './servers';

/** The snippets' own DEFAULT_THROTTLE_RATES (drf-throttle), on both sides. */
const SERVE_RATES = { anon: '20/minute', user: '100/minute', login: '5/minute' };

async function serve(): Promise<void> {
  const users = [
    { username: 'alice', password: randomBytes(9).toString('base64url'), isStaff: true },
    { username: 'bob', password: randomBytes(9).toString('base64url'), isStaff: false },
  ];
  const pair = await startPair(SERVE_RATES);
  const sides: SideContext[] = [
    { name: 'drf', baseUrl: pair.drf.baseUrl, vars: {} },
    { name: 'ts', baseUrl: pair.ts.baseUrl, vars: {} },
  ];
  try {
    await seed(sides, users, false);
  } catch (error) {
    await pair.stop();
    throw error;
  }
  const stop = (): void => {
    console.log('\nstopping both servers…');
    void pair.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(`DRF reference (Django REST Framework): ${pair.drf.baseUrl}/api/`);
  console.log(`TypeScript API composed from the snippets: ${pair.ts.baseUrl}/api/`);
  console.log(`users: alice (staff) password ${users[0]?.password}; bob password ${users[1]?.password}`);
  console.log(`throttle rates on both: ${Object.entries(SERVE_RATES).map(([scope, rate]) => `${scope} ${rate}`).join(', ')}`);
  console.log('try:');
  for (const side of sides) {
    console.log(`  curl -s -X POST ${side.baseUrl}/api/token/ -H 'Content-Type: application/json' -d '{"username":"bob","password":"${users[1]?.password}"}'`);
  }
  console.log('serving until Ctrl+C');
}

async function main(): Promise<number> {
  if (process.argv.includes('--serve')) {
    await serve();
    return -1;
  }
  const counts = await parity(process.env.NEXUS_GREP);
  console.log(`parity: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  return counts.failed > 0 || counts.passed === 0 ? 1 : 0;
}

main().then(
  (code) => {
    if (code >= 0) {
      process.exit(code);
    }
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
