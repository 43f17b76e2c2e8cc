// OpenClaw's own JSON schema for openclaw.json, from the user's installed CLI (`openclaw config schema`,
// ~2.4 MB, 5-8 s to start), cached in Warmclaw's data folder per OpenClaw version and compiled once per
// process. The version comes from the package.json next to the CLI's entry script (no spawn), so an
// upgrade of OpenClaw is noticed at the next start and the schema fetched again.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../fs-atomic';
import { entryScript, excerpt, isolatedEnv, parseJsonOutput, runOpenclaw, withTempDir, type OpenclawCli } from './openclaw-cli';
import { OpenclawSchemaValidator, anchorLocalDefs } from './schema-validator';

export type SchemaLoad =
  | { ok: true; version: string | undefined; validator: OpenclawSchemaValidator; source: 'memory' | 'cache' | 'cli' }
  | { ok: false; reason: string };

const SCHEMA_TIMEOUT_MS = 60_000;

/** The installed OpenClaw's version: its package.json (cheap), else what `--version` said at discovery. */
export async function openclawVersion(cli: OpenclawCli): Promise<string | undefined> {
  const script = await entryScript(cli.bin);
  if (script) {
    try {
      const pkg = JSON.parse(await readFile(join(dirname(script), 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'openclaw' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not an npm layout; fall back
    }
  }
  return cli.version || undefined;
}

function cachePath(dataDir: string, version: string): string {
  return join(dataDir, 'openclaw-schema', `${version.replace(/[^0-9A-Za-z.+-]/g, '_')}.json`);
}

function looksLikeSchema(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && (v as { type?: unknown }).type === 'object' && typeof (v as { properties?: unknown }).properties === 'object';
}

/** Runs `openclaw config schema` in an isolated temp home; the schema text, or why not. */
async function schemaFromCli(cli: OpenclawCli): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  try {
    return await withTempDir(async (dir) => {
      const r = await runOpenclaw(cli, ['config', 'schema'], { env: isolatedEnv(dir), timeoutMs: SCHEMA_TIMEOUT_MS, cwd: dir });
      const parsed = parseJsonOutput(r.stdout);
      if (r.code !== 0 || !looksLikeSchema(parsed)) return { ok: false as const, reason: `openclaw config schema gave no schema (exit ${r.code ?? r.signal}): ${excerpt(r.stderr || r.stdout)}` };
      return { ok: true as const, text: JSON.stringify(parsed) };
    });
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

const compiled = new Map<string, Promise<SchemaLoad>>();

/** Forgets the schemas compiled in this process (tests: to see the on-disk cache at work). */
export function forgetCompiledSchemas(): void {
  compiled.clear();
}

/**
 * The compiled schema of the installed OpenClaw. Never throws: an OpenClaw without `config schema`
 * (older releases) or a broken cache gives `{ ok: false, reason }` and the caller falls back to the CLI.
 */
export function loadOpenclawSchema(cli: OpenclawCli, dataDir: string): Promise<SchemaLoad> {
  return (async () => {
    const version = await openclawVersion(cli);
    const key = `${cli.bin}\u0000${version ?? ''}`;
    const hit = compiled.get(key);
    if (hit) {
      const r = await hit;
      return r.ok ? { ...r, source: 'memory' as const } : r;
    }
    const p = load(cli, dataDir, version);
    compiled.set(key, p);
    const r = await p;
    if (!r.ok) compiled.delete(key); // try again next time (the CLI may have been fixed)
    return r;
  })();
}

async function load(cli: OpenclawCli, dataDir: string, version: string | undefined): Promise<SchemaLoad> {
  let text: string | undefined;
  let source: 'cache' | 'cli' = 'cache';
  if (version) text = await readFile(cachePath(dataDir, version), 'utf8').catch(() => undefined);
  let schema: unknown;
  try {
    schema = text === undefined ? undefined : JSON.parse(text);
  } catch {
    schema = undefined; // a damaged cache is fetched again
  }
  if (!looksLikeSchema(schema)) {
    const got = await schemaFromCli(cli);
    if (!got.ok) return got;
    source = 'cli';
    schema = JSON.parse(got.text);
    // Without a version there is no safe cache key: fetch again in the next process.
    if (version) {
      await mkdir(dirname(cachePath(dataDir, version)), { recursive: true }).catch(() => undefined);
      await writeFileAtomic(cachePath(dataDir, version), got.text).catch(() => undefined);
    }
  }
  anchorLocalDefs(schema);
  return { ok: true, version, validator: new OpenclawSchemaValidator(schema as Record<string, unknown>), source };
}
