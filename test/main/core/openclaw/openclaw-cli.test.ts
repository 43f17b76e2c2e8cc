// Runs the REAL OpenClaw CLI (pinned in .cache/openclaw by scripts/ensure-openclaw.mjs): its validator
// is the authority these helpers wrap, so fakes would only test our assumptions about it.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureOpenclaw } from '../../../../scripts/ensure-openclaw.mjs';
import { WarmclawError } from '../../../../src/main/core/errors';
import {
  describeIssues,
  findOpenclaw,
  isolatedEnv,
  newIssues,
  nodeSupportsOpenclaw,
  validateWithOpenclaw,
  type OpenclawCli,
} from '../../../../src/main/core/openclaw/openclaw-cli';

let bin: string;
let cli: OpenclawCli;
let scratch: string;

beforeAll(async () => {
  bin = await ensureOpenclaw();
  scratch = await mkdtemp(join(tmpdir(), 'warmclaw-cli-test-'));
  const found = await findOpenclaw({ configuredPath: bin, env: { PATH: '' } });
  if (!found) throw new Error(`findOpenclaw did not accept ${bin}`);
  cli = found;
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const VALID = `{
  // comments and JSON5 are fine
  gateway: { port: 18789 },
  agents: { defaults: { compaction: { notifyUser: false } } },
}
`;

describe('findOpenclaw', () => {
  it('accepts a configured path and reads its version', () => {
    expect(cli.bin).toBe(bin);
    expect(cli.version).toBe('2026.9.6');
  });

  it('falls back to PATH when the configured path does not work, and gives null when there is nothing', async () => {
    const viaPath = await findOpenclaw({ configuredPath: join(scratch, 'missing', 'openclaw'), env: { PATH: dirname(bin) } });
    expect(viaPath?.bin).toBe(join(dirname(bin), 'openclaw'));
    expect(await findOpenclaw({ configuredPath: join(scratch, 'missing', 'openclaw'), env: { PATH: scratch } })).toBeNull();
  });

  it('skips a candidate that does not answer --version', async () => {
    const fake = join(scratch, 'broken-openclaw.mjs');
    await writeFile(fake, '#!/usr/bin/env node\nprocess.exit(3);\n');
    await chmod(fake, 0o755);
    expect(await findOpenclaw({ configuredPath: fake, env: { PATH: '' } })).toBeNull();
  });

  it('knows which Node versions OpenClaw supports', () => {
    expect(nodeSupportsOpenclaw('v24.16.0')).toBe(true);
    expect(nodeSupportsOpenclaw('v24.15.9')).toBe(false);
    expect(nodeSupportsOpenclaw('v25.9.0')).toBe(false);
    expect(nodeSupportsOpenclaw('v26.0.0')).toBe(false);
    expect(nodeSupportsOpenclaw('v26.1.0')).toBe(true);
    expect(nodeSupportsOpenclaw('v27.0.0')).toBe(true);
    expect(nodeSupportsOpenclaw('v20.19.0')).toBe(false);
  });

  it("runs OpenClaw without colour even under an inherited FORCE_COLOR (Node lets it beat NO_COLOR; its output is parsed)", () => {
    const env = isolatedEnv('/tmp/x', { PATH: '/bin', FORCE_COLOR: '1', OPENCLAW_STATE_DIR: '/elsewhere', NODE_OPTIONS: '--inspect' });
    expect(env.NO_COLOR).toBe('1');
    expect(env.FORCE_COLOR).toBeUndefined();
    expect(env).toMatchObject({ PATH: '/bin', HOME: '/tmp/x', OPENCLAW_STATE_DIR: join('/tmp/x', 'state') });
    expect(env.NODE_OPTIONS).toBeUndefined();
  });
});

describe('validateWithOpenclaw (real CLI)', { timeout: 120_000 }, () => {
  it('accepts a valid JSON5 file', async () => {
    const r = await validateWithOpenclaw(cli, VALID);
    expect(r).toEqual({ valid: true, issues: [], warnings: [] });
  });

  it('reports an unknown key at the object that holds it', async () => {
    const r = await validateWithOpenclaw(cli, '{ gateway: { port: 18789, portt: 1 } }');
    expect(r.valid).toBe(false);
    expect(r.issues).toEqual([{ path: 'gateway', message: 'Unrecognized key: "portt"' }]);
  });

  it('reports a wrong enum value with its path and the allowed values', async () => {
    const r = await validateWithOpenclaw(cli, '{ models: { mode: "mix" } }');
    expect(r.issues).toEqual([{ path: 'models.mode', message: expect.stringContaining('allowed'), allowedValues: ['merge', 'replace'] }]);
  });

  it('turns unparsable text into an issue at <root>', async () => {
    const r = await validateWithOpenclaw(cli, 'this is { not json');
    expect(r.valid).toBe(false);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.path).toBe('<root>');
    expect(r.issues[0]!.message).toMatch(/JSON5 parse failed/);
  });

  it('passes through OPENCLAW_* variables the text references, and no others', async () => {
    const text = '{ gateway: { auth: { mode: "token", token: "${OPENCLAW_GATEWAY_TOKEN}" } } }';
    const withVar = await validateWithOpenclaw(cli, text, { env: { ...process.env, OPENCLAW_GATEWAY_TOKEN: 'abcdef' } });
    expect(withVar).toEqual({ valid: true, issues: [], warnings: [] });
    const without = await validateWithOpenclaw(cli, text, { env: { ...process.env, OPENCLAW_GATEWAY_TOKEN: undefined } });
    expect(without.valid).toBe(true);
    expect(without.warnings).toEqual([{ path: 'gateway.auth.token', message: expect.stringContaining('OPENCLAW_GATEWAY_TOKEN') }]);
  });

  it('does not leak the temp copy path into messages', async () => {
    const r = await validateWithOpenclaw(cli, '{ $include: "./part.json5" }');
    expect(r.valid).toBe(false);
    expect(r.issues[0]!.message).toContain('<config dir>');
    expect(r.issues[0]!.message).not.toContain(tmpdir());
  });

  it('throws a clear error on timeout', async () => {
    const err = await validateWithOpenclaw(cli, VALID, { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WarmclawError);
    expect((err as Error).message).toMatch(/did not finish within 50 ms/);
  });

  it('throws a clear error when the CLI prints no report', async () => {
    const fake = join(scratch, 'chatty-openclaw.mjs');
    await writeFile(fake, '#!/usr/bin/env node\nconsole.log("hello, I am not a validator");\n');
    const err = await validateWithOpenclaw({ bin: fake }, VALID).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WarmclawError);
    expect((err as Error).message).toMatch(/no usable answer.*hello, I am not a validator/);
  });
});

describe('newIssues', { timeout: 120_000 }, () => {
  it('reports only what an edit added, on real validator output', async () => {
    const cfg = (gateway: string, models: string, mode = '') =>
      `{ gateway: { ${gateway} }, models: { ${mode}providers: { local: { baseUrl: "http://127.0.0.1:1234/v1", api: "openai-completions", models: [${models}] } } } }`;
    const bad = '{ id: "b", name: "b", cost: { input: "free" } }';
    const [before, inserted, plusNew, renamed, secondUnknown] = await Promise.all([
      // Existing problems: the model at index 0 has a string cost, and gateway has an unknown key.
      validateWithOpenclaw(cli, cfg('foo: 1', bad)),
      // An edit inserts a model in front: the old issue moves to index 1 (not new).
      validateWithOpenclaw(cli, cfg('foo: 1', `{ id: "a", name: "a" }, ${bad}`)),
      // An edit breaks models.mode (new).
      validateWithOpenclaw(cli, cfg('foo: 1', bad, 'mode: "mix", ')),
      // The unknown key is renamed (same issue, different quoted value: not new).
      validateWithOpenclaw(cli, cfg('fooo: 1', bad)),
      // A second unknown key at the same place (new, although it reads like the old one).
      validateWithOpenclaw(cli, cfg('foo: 1, bar: 2', bad)),
    ]);
    expect(before.issues.map((i) => i.path).sort()).toEqual(['gateway', 'models.providers.local.models.0.cost.input']);
    expect(inserted.issues.map((i) => i.path)).toContain('models.providers.local.models.1.cost.input');
    expect(newIssues(before.issues, inserted.issues)).toEqual([]);
    expect(newIssues(before.issues, plusNew.issues).map((i) => i.path)).toEqual(['models.mode']);
    expect(newIssues(before.issues, renamed.issues)).toEqual([]);
    expect(newIssues(before.issues, secondUnknown.issues)).toHaveLength(1);
    expect(newIssues(before.issues, secondUnknown.issues)[0]!.path).toBe('gateway');
    expect(newIssues(before.issues, before.issues)).toEqual([]);
    expect(newIssues([], before.issues)).toEqual(before.issues);
  });

  it('treats a moved parse error as the same issue', async () => {
    const [a, b] = await Promise.all([validateWithOpenclaw(cli, '{ a: 1 '), validateWithOpenclaw(cli, '{\n  a: 1,\n  b: 2\n')]);
    expect(a.issues[0]!.message).not.toBe(b.issues[0]!.message);
    expect(newIssues(a.issues, b.issues)).toEqual([]);
  });

  it('pairs each old issue at most once', () => {
    const x = { path: 'gateway', message: 'Unrecognized key: "a"' };
    const y = { path: 'gateway', message: 'Unrecognized key: "b"' };
    const z = { path: 'gateway', message: 'Unrecognized key: "c"' };
    expect(newIssues([x], [x, y])).toEqual([y]);
    expect(newIssues([x, y], [y, z])).toEqual([]);
    expect(newIssues([x, y], [z])).toEqual([]);
  });
});

describe('describeIssues', () => {
  it('writes one line per issue, starting with the path', () => {
    expect(
      describeIssues([
        { path: 'gateway.port', message: 'Invalid input: expected number, received string' },
        { path: '<root>', message: 'JSON5 parse failed: SyntaxError: JSON5: invalid end of input at 2:1.' },
      ]),
    ).toBe('gateway.port: Invalid input: expected number, received string\nthe file as a whole: JSON5 parse failed: SyntaxError: JSON5: invalid end of input at 2:1');
  });
});
