/**
 * A parity scenario is data: HTTP steps replayed against the DRF reference and the TypeScript API, whose responses
 * are compared. Strings may hold {{name}} placeholders, filled per side from values saved by earlier steps (ids,
 * tokens) and from the seeded users ({{alice.id}}, {{bob.access}}, …); a string that is one placeholder takes the
 * value's type, so `{ owner: '{{bob.id}}' }` sends a number.
 */

/** What a declared difference excuses: 'status', 'header:<name>', 'body' or a body path such as 'body.code'. */
export type Aspect = 'status' | `header:${string}` | 'body' | `body.${string}`;

export interface DeclaredDifference {
  what: Aspect[];
  reason: string;
  /** The snippet whose description must state the difference; its description must contain `says`. */
  snippet: string;
  says: string;
  /** DRF's side is racy here (it differs on some runs only), so the difference need not occur every run. */
  sometimes?: boolean;
  /** What the TypeScript side must answer regardless (statuses in the order compared), so the step still tests it. */
  tsStatuses?: number[];
}

export interface Step {
  label?: string;
  method?: string;
  path: string;
  /** A seeded user whose access token goes in `Authorization: Bearer`, or a {{placeholder}} holding a token. */
  as?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent as is instead of JSON (set Content-Type in headers). */
  raw?: string;
  /** Values to keep for later steps: name → dotted path in the JSON body ('id', 'results.0.id', 'refresh'). */
  save?: Record<string, string>;
  /** Send the same request this many times, one after the other; every response is compared. */
  repeat?: number;
  /** Send the same request this many times at once; responses are compared sorted by status. */
  concurrent?: number;
  /** Keep following the body's `next` link and compare every page. */
  follow?: 'next';
  /** Milliseconds to wait before this step (both sides wait together). */
  sleep?: number;
  differs?: DeclaredDifference;
}

export interface Scenario {
  name: string;
  /** 'tight' runs against the pair started with tight throttle rates. */
  pair?: 'main' | 'tight';
  steps: Step[];
}
