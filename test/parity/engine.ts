/** Replays a scenario against both APIs at once and reports every difference the scenario does not declare. */
import { compareResponses, covers, sideBySide, type Side } from './compare';
import { send, type HttpResponse } from './http';
import type { Scenario, Step } from './scenario';

export interface SideContext {
  name: 'drf' | 'ts';
  baseUrl: string;
  /** Placeholder values: seeded users ({{alice.id}}, {{alice.access}}) and values saved by steps. */
  vars: Record<string, unknown>;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function fill(value: unknown, vars: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{([\w.-]+)\}\}$/.exec(value);
    if (whole?.[1]) {
      return lookupVar(vars, whole[1]);
    }
    return value.replace(/\{\{([\w.-]+)\}\}/g, (_match, name: string) => String(lookupVar(vars, name)));
  }
  if (Array.isArray(value)) {
    return value.map((item) => fill(item, vars));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, vars)]));
  }
  return value;
}

function lookupVar(vars: Record<string, unknown>, name: string): unknown {
  if (!(name in vars)) {
    throw new Error(`no value for {{${name}}} (an earlier step did not save it)`);
  }
  return vars[name];
}

export function pick(body: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), body);
}

async function runStep(step: Step, ctx: SideContext): Promise<HttpResponse[]> {
  const method = step.method ?? 'GET';
  const headers: Record<string, string> = { ...(fill(step.headers ?? {}, ctx.vars) as Record<string, string>) };
  if (step.as) {
    const token = step.as.startsWith('{{') ? fill(step.as, ctx.vars) : lookupVar(ctx.vars, `${step.as}.access`);
    headers['Authorization'] = `Bearer ${String(token)}`;
  }
  let body: string | undefined;
  if (step.raw !== undefined) {
    body = step.raw;
  } else if (step.body !== undefined) {
    body = JSON.stringify(fill(step.body, ctx.vars));
    headers['Content-Type'] ??= 'application/json';
  }
  const once = (path: string): Promise<HttpResponse> => send({ method, url: `${ctx.baseUrl}${path}`, headers, ...(body === undefined ? {} : { body }) });
  // A saved link (next, previous, Location) is absolute on its own server: keep its path and query.
  const filled = String(fill(step.path, ctx.vars));
  const path = /^https?:/.test(filled) ? new URL(filled).pathname + new URL(filled).search : filled;
  const responses: HttpResponse[] = [];
  if (step.follow) {
    for (let next: string | undefined = path, pages = 0; next !== undefined && pages < 60; pages += 1) {
      const response = await once(next);
      responses.push(response);
      const link = pick(response.json, 'next');
      next = typeof link === 'string' ? new URL(link).pathname + new URL(link).search : undefined;
    }
  } else if (step.concurrent) {
    responses.push(...(await Promise.all(Array.from({ length: step.concurrent }, () => once(path)))));
    responses.sort((a, b) => a.status - b.status || a.text.localeCompare(b.text));
  } else {
    for (let i = 0; i < (step.repeat ?? 1); i += 1) {
      responses.push(await once(path));
    }
  }
  const saved = responses.find((response) => response.status < 300) ?? responses[0];
  for (const [name, dotted] of Object.entries(step.save ?? {})) {
    ctx.vars[name] = pick(saved?.json, dotted);
  }
  return responses;
}

/** The numbers saved so far, by value (a later name for the same value wins). */
function symbols(ctx: SideContext): Map<number, string> {
  const map = new Map<number, string>();
  for (const [name, value] of Object.entries(ctx.vars)) {
    if (typeof value === 'number') {
      map.set(value, name);
    }
  }
  return map;
}

export interface ScenarioResult {
  /** Undeclared differences, and declared ones that no longer occur; empty when the scenario passes. */
  problems: string[];
  /** Side-by-side views of the steps with problems. */
  views: string[];
}

/**
 * selfCheck: DRF runs on both sides (NEXUS_PARITY_SELF=1), so declared differences cannot occur and are not checked;
 * any problem left is the comparison's own fault.
 */
export async function runScenario(
  scenario: Scenario,
  drf: SideContext,
  ts: SideContext,
  descriptions: ReadonlyMap<string, string>,
  selfCheck = false,
): Promise<ScenarioResult> {
  const result: ScenarioResult = { problems: [], views: [] };
  for (const [index, step] of scenario.steps.entries()) {
    if (step.sleep) {
      await delay(step.sleep);
    }
    const label = `step ${index + 1} ${step.label ?? ''} ${step.method ?? 'GET'} ${step.path}`.replace(/\s+/g, ' ');
    const [left, right] = await Promise.all([runStep(step, drf), runStep(step, ts)]);
    const stepProblems: string[] = [];
    if (left.length !== right.length) {
      stepProblems.push(`${left.length} responses (pages) vs ${right.length}`);
    }
    let declaredSeen = false;
    for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
      const pair: [Side, Side] = [
        { baseUrl: drf.baseUrl, response: left[i] as HttpResponse, symbols: symbols(drf) },
        { baseUrl: ts.baseUrl, response: right[i] as HttpResponse, symbols: symbols(ts) },
      ];
      const prefix = left.length > 1 ? `[${i + 1}/${left.length}] ` : '';
      for (const difference of compareResponses(...pair, step.method ?? 'GET')) {
        if (step.differs && covers(step.differs.what, difference.aspect)) {
          declaredSeen = true;
        } else {
          stepProblems.push(prefix + difference.text);
        }
      }
      if (stepProblems.length > 0 && result.views.length < 3 && !result.views.some((view) => view.startsWith(label))) {
        result.views.push(`${label}${prefix ? ` ${prefix}` : ''}\n${sideBySide(...pair, step.method ?? 'GET')}`);
      }
    }
    if (step.differs?.tsStatuses && !selfCheck) {
      const statuses = right.map((response) => response.status);
      if (JSON.stringify(statuses) !== JSON.stringify(step.differs.tsStatuses)) {
        stepProblems.push(`TypeScript statuses ${statuses.join(', ')}, expected ${step.differs.tsStatuses.join(', ')}`);
      }
    }
    if (step.differs && !selfCheck) {
      const description = descriptions.get(step.differs.snippet);
      if (!declaredSeen && !step.differs.sometimes) {
        stepProblems.push(`declared difference (${step.differs.reason}) no longer occurs: remove the declaration`);
      }
      if (description === undefined || !description.includes(step.differs.says)) {
        stepProblems.push(`declared difference: the description of ${step.differs.snippet} must say "${step.differs.says}"`);
      }
    }
    result.problems.push(...stepProblems.map((problem) => `${label}: ${problem}`));
  }
  return result;
}
