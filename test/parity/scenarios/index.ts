/** Every parity scenario, in the order they run (the pagination walks first, while only seeded rows exist). */
import type { Scenario } from '../scenario';
import { articleScenarios } from './articles';
import { authScenarios } from './auth';
import { commentScenarios } from './comments';
import { extraScenarios } from './extras';
import { filteringScenarios } from './filtering';
import { negotiationScenarios } from './negotiation';
import { paginationScenarios } from './pagination';
import { throttlingScenarios } from './throttling';

export const scenarios: Scenario[] = [
  ...paginationScenarios,
  ...filteringScenarios,
  ...negotiationScenarios,
  ...articleScenarios,
  ...commentScenarios,
  ...authScenarios,
  ...throttlingScenarios,
  ...extraScenarios,
];
