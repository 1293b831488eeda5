/**
 * `npm test` after lint, type check, build and packaging: the four layers in order, each with its counts,
 * then one closing line `N passed, N failed`. Layers can be picked: `npm test -- unit e2e`.
 * NEXUS_GREP narrows every layer to matching test titles while developing.
 */
import { e2e, integration, parity, unit, type Counts } from './layers';

const layers: Record<string, () => Promise<Counts>> = {
  unit: () => unit(process.env.NEXUS_GREP),
  parity: () => parity(process.env.NEXUS_GREP),
  integration: () => integration(),
  e2e: () => e2e(process.env.NEXUS_GREP),
};

async function main(): Promise<number> {
  const picked = process.argv.slice(2).filter((name) => name in layers);
  const names = picked.length > 0 ? picked : Object.keys(layers);
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  const lines: string[] = [];
  for (const name of names) {
    console.log(`\n=== ${name} ===`);
    const counts = await layers[name]();
    lines.push(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  }
  console.log(`\n${lines.join('\n')}`);
  console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  return total.failed > 0 || total.passed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
