/**
 * The parity layer: every scenario replayed against real DRF and against the API composed from the snippets, each
 * one mocha test that fails on any difference the scenario does not declare, showing both responses side by side.
 * A scenario that differs only by defects listed in knownDefects.ts is reported pending with their reasons.
 */
import { loadAllSnippets } from '../fixtures/snippet-api/compose';
import { runScenario, type SideContext } from './engine';
import { knownReasons, unusedDefects } from './knownDefects';
import { scenarios } from './scenarios';
import { MAIN_USERS, seed, TIGHT_USERS } from './seed';
import { GENEROUS_RATES, startPair, TIGHT_RATES, type ServerPair } from './servers';

function descriptions(): Map<string, string> {
  const map = new Map<string, string>();
  for (const snippet of loadAllSnippets()) {
    for (const prefix of snippet.prefix) {
      map.set(prefix, snippet.description);
    }
  }
  return map;
}

describe('parity: real DRF vs the API composed from the snippets', function () {
  this.timeout(120_000);
  const pairs: Partial<Record<'main' | 'tight', ServerPair>> = {};
  const contexts: Partial<Record<'main' | 'tight', { drf: SideContext; ts: SideContext }>> = {};
  const snippetDescriptions = descriptions();

  before(async function () {
    const started = await Promise.allSettled([startPair(GENEROUS_RATES), startPair(TIGHT_RATES)]);
    for (const [index, name] of (['main', 'tight'] as const).entries()) {
      const result = started[index];
      if (result?.status === 'fulfilled') {
        pairs[name] = result.value;
      }
    }
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) {
      throw (failed as PromiseRejectedResult).reason;
    }
    for (const name of ['main', 'tight'] as const) {
      const pair = pairs[name] as ServerPair;
      contexts[name] = { drf: { name: 'drf', baseUrl: pair.drf.baseUrl, vars: {} }, ts: { name: 'ts', baseUrl: pair.ts.baseUrl, vars: {} } };
    }
    const { main, tight } = contexts as Required<typeof contexts>;
    await Promise.all([seed([main.drf, main.ts], MAIN_USERS, true), seed([tight.drf, tight.ts], TIGHT_USERS, false)]);
  });

  after(async () => {
    await Promise.all(Object.values(pairs).map((pair) => pair.stop()));
    if (!process.env.NEXUS_GREP && process.env.NEXUS_PARITY_SELF !== '1' && process.env.NEXUS_PARITY_STRICT !== '1') {
      for (const entry of unusedDefects()) {
        console.log(`      known defect no longer seen (remove it from knownDefects.ts): ${entry.reason}`);
      }
    }
  });

  for (const scenario of scenarios) {
    it(scenario.name, async function () {
      const sides = contexts[scenario.pair ?? 'main'];
      if (!sides) {
        throw new Error('the servers did not start');
      }
      const result = await runScenario(scenario, sides.drf, sides.ts, snippetDescriptions, process.env.NEXUS_PARITY_SELF === '1');
      if (result.problems.length === 0) {
        return;
      }
      const known = knownReasons(scenario.name, result.problems);
      if (known && this.test) {
        this.test.title += ` (known defect: ${known.join('; ')})`;
        this.skip();
      }
      throw new Error(`undeclared differences:\n  ${result.problems.join('\n  ')}\n\n${result.views.join('\n\n')}`);
    });
  }
});
