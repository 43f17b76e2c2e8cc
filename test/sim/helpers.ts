// Test helpers for the simulator suites: short-timeout HTTP calls, shape comparison against the
// fixture bodies, and cleanup of every simulator a test started.
import { afterEach } from 'vitest';
import { fixture, type Json } from './fixtures';
import { startSimulator, type SimKind, type SimOptions, type Simulator } from './index';

const started: Simulator[] = [];

/**
 * startSimulator + closed after the test. In `describe.concurrent` pass the test context: the default
 * cleanup (afterEach) would close the simulators of tests still running beside this one.
 */
export async function sim(kind: SimKind, opts?: SimOptions, ctx?: { onTestFinished: (fn: () => Promise<void>) => void }): Promise<Simulator> {
  const s = await startSimulator(kind, opts);
  if (ctx) ctx.onTestFinished(() => s.close());
  else started.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

export interface Res {
  status: number;
  headers: Headers;
  text: string;
  body: Json;
}

/** One request with a short timeout; parses JSON when it can. */
export async function call(s: Simulator, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
  const res = await fetch(s.url + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  const text = await res.text();
  let parsed: Json;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

export const get = (s: Simulator, path: string, headers?: Record<string, string>): Promise<Res> => call(s, 'GET', path, undefined, headers);
export const post = (s: Simulator, path: string, body?: unknown, headers?: Record<string, string>): Promise<Res> => call(s, 'POST', path, body ?? {}, headers);

/**
 * Type skeleton of a JSON value: objects -> sorted keys with their shapes, arrays -> shape of the
 * first element, scalars -> typeof. Two bodies with the same skeleton have the same fields and types.
 */
export function shape(v: unknown): Json {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (typeof v === 'object') {
    const o: Record<string, Json> = {};
    for (const k of Object.keys(v as object).sort()) o[k] = shape((v as Record<string, unknown>)[k]);
    return o;
  }
  return typeof v;
}

/** Shape of a JSON fixture (or part of it). */
export function fixtureShape(rel: string, pick: (f: Json) => Json = (f) => f): Json {
  return shape(pick(fixture(rel)));
}

export function keys(o: unknown): string[] {
  return Object.keys(o as object).sort();
}
