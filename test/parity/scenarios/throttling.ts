/**
 * Throttles at the boundary, against the pair started with TIGHT_RATES (anon 2/minute, user 3/minute, login 3/second).
 * DRF's SimpleRateThrottle keeps a history of request times per key and lets a request through while fewer than
 * num_requests lie within the last duration seconds: a sliding window. Refused requests are not recorded.
 */
import type { Scenario } from '../scenario';

// The refresh view is in the login scope too, and answers a garbage token without hashing a password, so the
// timing below is the throttle's, not PBKDF2's.
const refresh = { method: 'POST', path: '/api/token/refresh/', body: { refresh: 'garbage' } };

export const throttlingScenarios: Scenario[] = [
  { name: 'throttle: user rate 3/minute, the 4th request is 429 with Retry-After', pair: 'tight', steps: [{ path: '/api/me/', as: 'carol', repeat: 4 }] },
  { name: 'throttle: anon rate 2/minute, the 3rd request is 429', pair: 'tight', steps: [{ path: '/api/articles/', repeat: 3 }] },
  {
    name: 'throttle: the login scope is a sliding window, not a fixed one',
    pair: 'tight',
    steps: [
      // The seeding login of carol may still be inside the window: start on a clean second.
      { ...refresh, label: 'first', sleep: 1200 },
      { ...refresh, label: 'two more 0.7 s later', sleep: 700, repeat: 2 },
      { ...refresh, label: 'over the rate' },
      // About 1.15 s after the first: it left the window, the other two did not (until about 1.7 s).
      { ...refresh, label: 'one slot free again', sleep: 400 },
      { ...refresh, label: 'window full again' },
    ],
  },
];
