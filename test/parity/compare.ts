/**
 * How two responses are compared. Equal means: same status; same headers that matter; bodies equal after
 * normalising only what cannot match between two servers (their origins, opaque cursors, JWTs, timestamps).
 *
 * - Content-Type: the media type only (Express adds "; charset=utf-8", Django does not).
 * - WWW-Authenticate exact; Location and every link in a body as path plus query parameters in any order
 *   (DRF sorts them in replace_query_param, URLSearchParams keeps insertion order).
 * - Vary as a set of header names; Retry-After as a number, ±1 second (both derive it from the clock).
 * - Allow on 405 answers and OPTIONS only: DRF sends Allow on every response, which says nothing elsewhere.
 */
import type { HttpResponse } from './http';
import type { Aspect } from './scenario';

export interface Side {
  baseUrl: string;
  response: HttpResponse;
  /** Ids this side saved, by value: the same row may have another id on each side once their histories differ. */
  symbols: ReadonlyMap<number, string>;
}

const THROTTLED = /^Request was throttled\. Expected available in (\d+) seconds?\.$/;
const TIMESTAMP_KEYS = new Set(['created_at', 'updated_at', 'date_joined']);
const TOKEN_KEYS = new Set(['access', 'refresh']);
const ID_KEYS = new Set(['id', 'article', 'author', 'owner']);

function normalizeUrl(value: string, baseUrl: string, symbols: ReadonlyMap<number, string>): string {
  if (!value.startsWith(baseUrl)) {
    return value;
  }
  const url = new URL(value);
  const pathname = url.pathname.replace(/\/(\d+)(?=\/)/g, (segment, id: string) => {
    const name = symbols.get(Number(id));
    return name ? `/<${name}>` : segment;
  });
  const params = [...url.searchParams.entries()].map(([key, item]) => [key, key === 'cursor' ? '<cursor>' : item]).sort(([a = ''], [b = '']) => a.localeCompare(b));
  const query = params.map(([key = '', item = '']) => `${key}=${item}`).join('&');
  return `${pathname}${query ? `?${query}` : ''}`;
}

/** The body with what cannot match replaced by markers. */
export function normalizeBody(value: unknown, side: Omit<Side, 'response'>, key = ''): unknown {
  const { baseUrl, symbols } = side;
  if (Array.isArray(value)) {
    return value.map((item) => normalizeBody(item, side));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, item]) => [k, normalizeBody(item, side, k)]));
  }
  if (typeof value === 'number' && ID_KEYS.has(key) && symbols.has(value)) {
    return `<${symbols.get(value) ?? ''}>`;
  }
  if (typeof value === 'string') {
    if (TOKEN_KEYS.has(key) && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(value)) {
      return '<jwt>';
    }
    if (TIMESTAMP_KEYS.has(key) && !Number.isNaN(Date.parse(value))) {
      return '<timestamp>';
    }
    return normalizeUrl(value, baseUrl, symbols);
  }
  return value;
}

const typeName = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

function diffValues(a: unknown, b: unknown, path: string, out: string[]): void {
  if (typeof a === 'string' && typeof b === 'string') {
    const [ta, tb] = [THROTTLED.exec(a), THROTTLED.exec(b)];
    if (ta && tb && Math.abs(Number(ta[1]) - Number(tb[1])) <= 1) {
      return;
    }
  }
  if (typeName(a) !== typeName(b)) {
    out.push(`${path}: ${typeName(a)} ${JSON.stringify(a)} vs ${typeName(b)} ${JSON.stringify(b)}`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      out.push(`${path}: ${a.length} items vs ${b.length}`);
    }
    for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
      diffValues(a[i], b[i], `${path}.${i}`, out);
    }
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    for (const key of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
      if (!(key in bo)) {
        out.push(`${path}.${key}: only DRF has it (${JSON.stringify(ao[key])})`);
      } else if (!(key in ao)) {
        out.push(`${path}.${key}: only TS has it (${JSON.stringify(bo[key])})`);
      } else {
        diffValues(ao[key], bo[key], `${path}.${key}`, out);
      }
    }
    return;
  }
  if (a !== b) {
    out.push(`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  }
}

const mediaType = (value: string | undefined): string => (value ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
const tokenSet = (value: string | undefined): string =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim().toUpperCase())
    .filter(Boolean)
    .sort()
    .join(', ');

/** The compared header values of one response, normalised. */
export function comparedHeaders(side: Side, method: string): Record<string, string> {
  const { headers, status } = side.response;
  const picked: Record<string, string> = {
    'content-type': side.response.text === '' ? '' : mediaType(headers['content-type']),
    'www-authenticate': headers['www-authenticate'] ?? '',
    location: headers['location'] ? normalizeUrl(new URL(headers['location'], side.baseUrl).toString(), side.baseUrl, side.symbols) : '',
    vary: tokenSet(headers['vary']),
    'retry-after': headers['retry-after'] ?? '',
  };
  if (status === 405 || method === 'OPTIONS') {
    picked['allow'] = tokenSet(headers['allow']);
  }
  return picked;
}

/** Every difference between the DRF and TS responses, each starting with the aspect it belongs to. */
export function compareResponses(drf: Side, ts: Side, method: string): { aspect: Aspect; text: string }[] {
  const out: { aspect: Aspect; text: string }[] = [];
  if (drf.response.status !== ts.response.status) {
    out.push({ aspect: 'status', text: `status: ${drf.response.status} vs ${ts.response.status}` });
  }
  const [hd, ht] = [comparedHeaders(drf, method), comparedHeaders(ts, method)];
  for (const name of new Set([...Object.keys(hd), ...Object.keys(ht)])) {
    const [a = '', b = ''] = [hd[name], ht[name]];
    const close = name === 'retry-after' && a !== '' && b !== '' && Math.abs(Number(a) - Number(b)) <= 1;
    if (a !== b && !close) {
      out.push({ aspect: `header:${name}`, text: `header ${name}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}` });
    }
  }
  const [jd, jt] = [drf.response.json, ts.response.json];
  if (jd !== undefined && jt !== undefined) {
    const texts: string[] = [];
    diffValues(normalizeBody(jd, drf), normalizeBody(jt, ts), 'body', texts);
    for (const text of texts) {
      const path = text.slice(0, text.indexOf(':'));
      out.push({ aspect: path as Aspect, text });
    }
  } else if (drf.response.text !== ts.response.text) {
    out.push({ aspect: 'body', text: `body: ${JSON.stringify(drf.response.text.slice(0, 120))} vs ${JSON.stringify(ts.response.text.slice(0, 120))}` });
  }
  return out;
}

/** Whether a declared aspect covers a found one ('body' covers 'body.detail', 'body.code' covers 'body.code.0'). */
export function covers(declared: readonly Aspect[], found: Aspect): boolean {
  return declared.some((aspect) => found === aspect || found.startsWith(`${aspect}.`));
}

const WIDTH = 72;

function describe(side: Side, method: string): string[] {
  const { response } = side;
  const lines = [`${response.status}`];
  for (const [name, value] of Object.entries(comparedHeaders(side, method))) {
    if (value) {
      lines.push(`${name}: ${value}`);
    }
  }
  const body = response.json !== undefined ? JSON.stringify(normalizeBody(response.json, side), null, 1) : response.text;
  const bodyLines = body.split('\n');
  lines.push(...bodyLines.slice(0, 30), ...(bodyLines.length > 30 ? [`… ${bodyLines.length - 30} more lines`] : []));
  return lines.flatMap((line) => (line.length <= WIDTH ? [line] : (line.match(new RegExp(`.{1,${WIDTH}}`, 'g')) ?? [])));
}

/** Both responses in two columns, DRF on the left. */
export function sideBySide(drf: Side, ts: Side, method: string): string {
  const [left, right] = [describe(drf, method), describe(ts, method)];
  const rows = [`${'DRF (reference)'.padEnd(WIDTH)} | TypeScript (snippets)`, `${'-'.repeat(WIDTH)}-+-${'-'.repeat(WIDTH)}`];
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    rows.push(`${(left[i] ?? '').padEnd(WIDTH)} | ${right[i] ?? ''}`);
  }
  return rows.join('\n');
}
