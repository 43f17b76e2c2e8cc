// The user's own OpenClaw CLI, used as the authority on what a valid openclaw.json is: find it, and run
// `openclaw config validate --json` on candidate text in a throwaway, isolated home. Node only (no
// electron). Every spawn has a timeout and is killed with its whole process group when it runs over.
import { spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, mkdtemp, open, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { WarmclawError } from '../errors';

export interface OpenclawCli {
  /** Path of the `openclaw` executable or entry script. */
  bin: string;
  /** e.g. "2026.9.6", from `openclaw --version`. */
  version?: string;
}

export interface OpenclawIssue {
  /** Dotted config path as OpenClaw prints it ("gateway.port", "models.providers.x.models.1"); "<root>" for the file itself. */
  path: string;
  message: string;
  /** Present for enum-like issues. */
  allowedValues?: string[];
}

export interface OpenclawValidation {
  valid: boolean;
  issues: OpenclawIssue[];
  /** Valid-but-suspicious findings, e.g. a `${VAR}` reference whose variable is not set. */
  warnings: OpenclawIssue[];
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const DEFAULT_FIND_TIMEOUT_MS = 15_000;
const DEFAULT_VALIDATE_TIMEOUT_MS = 30_000;
const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------------
// How to start the CLI.
//
// The npm `openclaw` bin is `openclaw.mjs` with a `#!/usr/bin/env node` shebang, and OpenClaw refuses
// Node versions outside ">=24.16 <25 || >=26.1". Executing the bin directly would run whatever `node`
// is first on PATH. So when the bin is (or, for a Windows .cmd shim, points to) a JS entry script and
// *this* process is a supported plain Node, run the script with process.execPath (same Node as us).
// Otherwise (Electron, whose execPath is not a node; or an unsupported Node) run the script with
// `node` from PATH, which is exactly what the shebang would do; a non-script bin is executed as is.
// ---------------------------------------------------------------------------------------------------

/** True when `version` ("v24.21.0") is one OpenClaw supports: >=24.16 <25, or >=26.1. */
export function nodeSupportsOpenclaw(version: string = process.versions.node): boolean {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major === 24) return minor >= 16;
  if (major === 26) return minor >= 1;
  return major > 26;
}

export async function entryScript(bin: string): Promise<string | undefined> {
  let real: string;
  try {
    real = await realpath(bin);
  } catch {
    return undefined;
  }
  const ext = extname(real).toLowerCase();
  if (ext === '.mjs' || ext === '.js' || ext === '.cjs') return real;
  if (process.platform === 'win32' && (ext === '.cmd' || ext === '.bat' || ext === '.ps1')) {
    // npm's global layout on Windows: <prefix>\openclaw.cmd next to <prefix>\node_modules\openclaw.
    const script = join(dirname(real), 'node_modules', 'openclaw', 'openclaw.mjs');
    return (await isFile(script)) ? script : undefined;
  }
  try {
    const fh = await open(real, 'r');
    try {
      const buf = Buffer.alloc(128);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      const head = buf.subarray(0, bytesRead).toString('utf8').split('\n')[0] ?? '';
      return /^#!.*\bnode\b/.test(head) ? real : undefined;
    } finally {
      await fh.close();
    }
  } catch {
    return undefined;
  }
}

/** The command and leading args that run `cli` (see the note above). */
export async function openclawCommand(cli: OpenclawCli): Promise<{ command: string; args: string[] }> {
  const script = await entryScript(cli.bin);
  if (!script) return { command: cli.bin, args: [] };
  if (!process.versions.electron && nodeSupportsOpenclaw()) return { command: process.execPath, args: [script] };
  return { command: 'node', args: [script] };
}

// ---------------------------------------------------------------------------------------------------
// Isolation and spawning.
// ---------------------------------------------------------------------------------------------------

/**
 * Environment for a CLI run confined to `dir`: HOME, OPENCLAW_STATE_DIR and OPENCLAW_CONFIG_PATH point
 * inside it, so OpenClaw neither reads nor writes the user's real state. PATH and the rest of the
 * parent env are kept; removed are every OPENCLAW_* variable (they would redirect config, state,
 * profile, gateway URL…) except those in `keep`, the XDG base dirs (so they follow the temp HOME),
 * NODE_OPTIONS (a parent's loaders/flags are not meant for OpenClaw) and VITEST* (OpenClaw changes
 * behaviour under Vitest; tests must see what users see).
 */
export function isolatedEnv(dir: string, parent: NodeJS.ProcessEnv = process.env, extra: NodeJS.ProcessEnv = {}, keep: readonly string[] = []): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(parent)) {
    if (v === undefined) continue;
    const upper = k.toUpperCase();
    if (upper.startsWith('OPENCLAW_') && !keep.includes(k)) continue;
    if (upper.startsWith('VITEST') || upper === 'NODE_OPTIONS') continue;
    // NO_COLOR below must hold: Node lets an inherited FORCE_COLOR (set by test runners, some
    // terminals) override it, and OpenClaw's output is parsed as plain text.
    if (upper === 'FORCE_COLOR') continue;
    if (upper === 'XDG_CONFIG_HOME' || upper === 'XDG_CACHE_HOME' || upper === 'XDG_DATA_HOME' || upper === 'XDG_STATE_HOME') continue;
    env[k] = v;
  }
  env.HOME = dir;
  if (process.platform === 'win32') env.USERPROFILE = dir;
  env.OPENCLAW_STATE_DIR = join(dir, 'state');
  env.OPENCLAW_CONFIG_PATH = join(dir, 'openclaw.json');
  env.NO_COLOR = '1';
  return { ...env, ...extra };
}

/** Runs `fn` with a fresh private (0700) temp dir that is removed afterwards. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'warmclaw-openclaw-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }
}

function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    // On POSIX the child leads its own process group (detached), so this reaches its helpers too.
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * Runs the CLI with `args`. Resolves with the exit status and output whatever the exit code; rejects
 * (WarmclawError 'io') when it cannot start, runs past `timeoutMs`, or floods the output. `secrets`
 * are blanked out of any error message.
 */
export async function runOpenclaw(
  cli: OpenclawCli,
  args: readonly string[],
  opts: { env: NodeJS.ProcessEnv; timeoutMs: number; cwd?: string; secrets?: readonly string[] },
): Promise<RunResult> {
  const { command, args: lead } = await openclawCommand(cli);
  const what = `openclaw ${redact(args.join(' '), opts.secrets)}`;
  return new Promise<RunResult>((resolvePromise, reject) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, [...lead, ...args], {
        env: opts.env,
        cwd: opts.cwd ?? tmpdir(),
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
    } catch (err) {
      reject(new WarmclawError('io', `Could not start ${what}: ${redact(String((err as Error).message), opts.secrets)}`));
      return;
    }
    const out: Buffer[] = [];
    const errOut: Buffer[] = [];
    let size = 0;
    let failure: WarmclawError | undefined;
    const fail = (e: WarmclawError) => {
      if (failure) return;
      failure = e;
      killTree(child.pid);
      // Should a helper outside the group keep the pipes open, give up on them after a grace period.
      setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        reject(e);
      }, 2000).unref();
    };
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) fail(new WarmclawError('io', `${what} printed more than ${MAX_OUTPUT_BYTES} bytes; stopped it.`));
      else into.push(chunk);
    };
    child.stdout?.on('data', collect(out));
    child.stderr?.on('data', collect(errOut));
    const timer = setTimeout(() => fail(new WarmclawError('io', `${what} did not finish within ${opts.timeoutMs} ms; stopped it.`)), opts.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      if (!failure) failure = new WarmclawError('io', `Could not run ${what}: ${redact(err.message, opts.secrets)}`);
      reject(failure);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      resolvePromise({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(errOut).toString('utf8') });
    });
  });
}

/** Replaces each secret (and nothing shorter than 4 chars, to avoid blanking common words) with ***. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let s = text;
  for (const secret of secrets) if (secret && secret.length >= 4) s = s.split(secret).join('***');
  return s;
}

/** The JSON document a `--json` run printed: the whole stdout, else from the first line that opens one. */
export function parseJsonOutput(stdout: string): unknown {
  const text = stdout.trim();
  try {
    return JSON.parse(text);
  } catch {
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.startsWith('{'));
    if (start < 0) return undefined;
    try {
      return JSON.parse(lines.slice(start).join('\n'));
    } catch {
      return undefined;
    }
  }
}

/** First lines of some output, for an error message. */
export function excerpt(text: string, secrets?: readonly string[]): string {
  const t = redact(text.trim(), secrets).split('\n').slice(0, 3).join(' | ');
  return t.length > 300 ? `${t.slice(0, 300)}…` : t || '(no output)';
}

// ---------------------------------------------------------------------------------------------------
// Finding the CLI.
// ---------------------------------------------------------------------------------------------------

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function isRunnable(p: string): Promise<boolean> {
  if (!(await isFile(p))) return false;
  if (process.platform === 'win32') return true;
  try {
    await access(p, fsConstants.X_OK);
    return true;
  } catch {
    // A non-executable JS entry script is still runnable with node.
    return (await entryScript(p)) !== undefined;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string[] {
  const pathVar = env.PATH ?? env.Path ?? '';
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean) : [''];
  const found: string[] = [];
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) found.push(join(dir, name + ext.toLowerCase()));
  }
  return found;
}

function expandHome(p: string, env: NodeJS.ProcessEnv): string {
  const home = env.HOME ?? env.USERPROFILE;
  if (home && (p === '~' || p.startsWith('~/') || p.startsWith('~\\'))) return join(home, p.slice(1));
  return p;
}

/**
 * The OpenClaw CLI to use: `configuredPath` when it runs, else the first working `openclaw` on PATH;
 * null when there is none. A candidate counts when `openclaw --version` exits 0 within the timeout.
 */
export async function findOpenclaw(opts: { configuredPath?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<OpenclawCli | null> {
  const env = opts.env ?? process.env;
  const candidates: string[] = [];
  const configured = opts.configuredPath?.trim();
  if (configured) candidates.push(resolve(expandHome(configured, env)));
  candidates.push(...onPath('openclaw', env).filter((p) => isAbsolute(p)));
  const seen = new Set<string>();
  for (const bin of candidates) {
    if (seen.has(bin)) continue;
    seen.add(bin);
    if (!(await isRunnable(bin))) continue;
    const version = await probeVersion(bin, env, opts.timeoutMs ?? DEFAULT_FIND_TIMEOUT_MS);
    if (version === null) continue;
    return version ? { bin, version } : { bin };
  }
  return null;
}

/** `openclaw --version` → "2026.9.6"; "" when it ran but printed no version; null when it failed. */
async function probeVersion(bin: string, parentEnv: NodeJS.ProcessEnv, timeoutMs: number): Promise<string | null> {
  try {
    return await withTempDir(async (dir) => {
      const r = await runOpenclaw({ bin }, ['--version'], { env: isolatedEnv(dir, parentEnv), timeoutMs });
      if (r.code !== 0) return null;
      return /\b(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?)\b/.exec(r.stdout)?.[1] ?? '';
    });
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------
// Validation.
// ---------------------------------------------------------------------------------------------------

function toIssues(v: unknown, tempDir: string): OpenclawIssue[] {
  if (!Array.isArray(v)) return [];
  const out: OpenclawIssue[] = [];
  for (const item of v) {
    if (!item || typeof item !== 'object') continue;
    const rec = item as Record<string, unknown>;
    const issue: OpenclawIssue = {
      path: typeof rec.path === 'string' && rec.path ? rec.path : '<root>',
      // Messages about includes name the temp copy; put a stable placeholder there instead.
      message: (typeof rec.message === 'string' ? rec.message : JSON.stringify(rec)).split(tempDir).join('<config dir>'),
    };
    if (Array.isArray(rec.allowedValues)) issue.allowedValues = rec.allowedValues.map(String);
    out.push(issue);
  }
  return out;
}

/** `${NAME}` references in the text; those naming OPENCLAW_* variables are passed through to the run. */
function referencedOpenclawVars(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\$\{(OPENCLAW_[A-Z0-9_]*)\}/g)) names.add(m[1]!);
  return [...names];
}

/**
 * Validates `text` as an openclaw.json with the user's CLI. The text is written (0600) as the only file
 * of a private temp dir that also serves as HOME and state dir, and `config validate --json` reads it
 * through OPENCLAW_CONFIG_PATH. The CLI exits 1 for an invalid file but still prints the JSON report,
 * which is what we read. Unparsable text comes back as an issue at "<root>". Limitation: a relative
 * `$include` cannot be found next to the temp copy and shows up as an issue (the same one before and
 * after an edit, so `newIssues` ignores it). Rejects (WarmclawError 'io') on timeout or when the CLI
 * prints no report.
 */
export async function validateWithOpenclaw(
  cli: OpenclawCli,
  text: string,
  opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<OpenclawValidation> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_VALIDATE_TIMEOUT_MS;
  return withTempDir(async (dir) => {
    const env = isolatedEnv(dir, opts.env ?? process.env, {}, referencedOpenclawVars(text));
    await writeFile(env.OPENCLAW_CONFIG_PATH!, text, { mode: 0o600 });
    const r = await runOpenclaw(cli, ['config', 'validate', '--json'], { env, timeoutMs, cwd: dir });
    const report = parseJsonOutput(r.stdout);
    if (!report || typeof report !== 'object' || typeof (report as { valid?: unknown }).valid !== 'boolean') {
      throw new WarmclawError(
        'io',
        `OpenClaw's validator (${cli.bin}) gave no usable answer (exit ${r.code ?? r.signal}): ${excerpt(r.stdout || r.stderr)}`,
      );
    }
    const rep = report as { valid: boolean; issues?: unknown; warnings?: unknown };
    const issues = toIssues(rep.issues, dir);
    // "valid: false" without issues (e.g. the file vanished) still must not pass as valid.
    if (!rep.valid && issues.length === 0) issues.push({ path: '<root>', message: excerpt(JSON.stringify((report as { error?: unknown }).error ?? 'invalid')) });
    return { valid: rep.valid, issues, warnings: toIssues(rep.warnings, dir) };
  });
}

// ---------------------------------------------------------------------------------------------------
// Comparing and describing issues.
// ---------------------------------------------------------------------------------------------------

/*
 * Which issues did an edit add? OpenClaw's messages sometimes embed values: the unknown key
 * (`Unrecognized key: "foo"`), a variable name, a parse position (`invalid character 'g' at 1:1`), and
 * paths carry array indexes that shift when an entry is inserted. Exact matching would blame an edit
 * for an old issue whose text merely moved; matching loosely everywhere would hide a second, new issue
 * of the same kind at the same path. So matching is done in three passes, each pairing an issue in
 * `after` with a still-unpaired issue in `before`:
 *   1. exact path + message;
 *   2. path + message with quoted values ("…", '…', `…`) replaced by a placeholder;
 *   3. as 2, plus every number (in the message and array indexes in the path) replaced by '#'.
 * Whatever in `after` is left unpaired is new. Counting pairs (rather than set membership) means a
 * second "Unrecognized key" at a path that already had one is still reported.
 */
const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g;

function issueKey(issue: { path: string; message: string }, level: 1 | 2 | 3): string {
  let path = issue.path.trim();
  let message = issue.message.trim().replace(/\s+/g, ' ');
  if (level >= 2) message = message.replace(QUOTED, '"…"');
  if (level >= 3) {
    message = message.replace(/\d+/g, '#');
    path = path.replace(/(^|\.)\d+(?=\.|$)/g, '$1#');
  }
  return `${path}\u0000${message}`;
}

/** Issues in `after` that `before` does not account for (see above). Keeps `after`'s order. */
export function newIssues<T extends { path: string; message: string }>(before: readonly T[], after: readonly T[]): T[] {
  const paired = new Array<boolean>(after.length).fill(false);
  const used = new Array<boolean>(before.length).fill(false);
  for (const level of [1, 2, 3] as const) {
    const pool = new Map<string, number[]>();
    before.forEach((b, i) => {
      if (used[i]) return;
      const k = issueKey(b, level);
      pool.set(k, [...(pool.get(k) ?? []), i]);
    });
    after.forEach((a, i) => {
      if (paired[i]) return;
      const free = pool.get(issueKey(a, level));
      const j = free?.shift();
      if (j === undefined) return;
      used[j] = true;
      paired[i] = true;
    });
  }
  return after.filter((_, i) => !paired[i]);
}

/** One plain line per issue: where, then what ("gateway.port: Invalid input: expected number, received string"). */
export function describeIssues(issues: readonly { path: string; message: string }[]): string {
  return issues
    .map((i) => {
      const where = !i.path || i.path === '<root>' ? 'the file as a whole' : i.path;
      const what = i.message.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
      return `${where}: ${what}`;
    })
    .join('\n');
}
