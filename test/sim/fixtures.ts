// The simulators serve the documented bodies from test/fixtures/servers (in the repository, so a
// fresh clone runs them), cloned and filled in per request, so a fixture change shows up in every
// suite that uses them.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** `<repo>/test/fixtures/servers`. */
export const serverFixturesDir = resolve(here, '..', 'fixtures', 'servers');

const textCache = new Map<string, string>();

/** Raw text of a fixture, e.g. `fixtureText('llamacpp/health-ok.json')` (byte-exact bodies such as `{"status": "ok" }`). */
export function fixtureText(rel: string): string {
  let t = textCache.get(rel);
  if (t === undefined) {
    t = readFileSync(join(serverFixturesDir, rel), 'utf8');
    textCache.set(rel, t);
  }
  return t;
}

/** A fresh deep copy of a JSON fixture (callers mutate it). */
export function fixture<T = Json>(rel: string): T {
  return JSON.parse(fixtureText(rel)) as T;
}

// Fixtures are loosely typed on purpose: the simulators fill them in, the tests compare shapes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
