// The schema-first validator wired into the safe writer, with the REAL OpenClaw CLI: the schema is
// fetched once per OpenClaw version and cached in the data folder; writes are judged in process; the
// CLI overrules a refusal and, after the write, reports what only it can see.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureOpenclaw } from '../../../../scripts/ensure-openclaw.mjs';
import { WarmclawError } from '../../../../src/main/core/errors';
import { ConfigFile, type ConfigValidator } from '../../../../src/main/core/openclaw/config-file';
import { openConfig, schemaFirstValidator } from '../../../../src/main/core/openclaw/open-config';
import { findOpenclaw, newIssues, type OpenclawCli } from '../../../../src/main/core/openclaw/openclaw-cli';
import { forgetCompiledSchemas, loadOpenclawSchema, openclawVersion } from '../../../../src/main/core/openclaw/openclaw-schema';
import { tempDir } from '../../../helpers/tmp';

const dir = tempDir('warmclaw-inproc-');
const dataDir = join(dir, 'data');
let cli: OpenclawCli;

beforeAll(async () => {
  const bin = await ensureOpenclaw();
  const found = await findOpenclaw({ configuredPath: bin, env: { PATH: '' } });
  if (!found) throw new Error(`findOpenclaw did not accept ${bin}`);
  cli = found;
});

const VALID = `{
  // my gateway
  gateway: { port: 18789 },
  agents: { defaults: { model: { primary: "openai/gpt-5" } } },
}
`;

describe('the schema of the installed OpenClaw', () => {
  it('reads the version from the package next to the CLI, fetches the schema once and caches it per version', async () => {
    expect(await openclawVersion(cli)).toBe('2026.9.6');
    const first = await loadOpenclawSchema(cli, dataDir);
    expect(first.ok && first.source).toBe('cli');
    expect(existsSync(join(dataDir, 'openclaw-schema', '2026.9.6.json'))).toBe(true);
    const second = await loadOpenclawSchema(cli, dataDir);
    expect(second.ok && second.source).toBe('memory');
    forgetCompiledSchemas();
    const again = await loadOpenclawSchema(cli, dataDir);
    expect(again.ok && again.source).toBe('cache');
  }, 120_000);

  it('a damaged cache is fetched again', async () => {
    const cached = join(dataDir, 'openclaw-schema', '2026.9.6.json');
    await writeFile(cached, '{"not":');
    forgetCompiledSchemas();
    const r = await loadOpenclawSchema(cli, dataDir);
    expect(r.ok && r.source).toBe('cli');
    expect(JSON.parse(await readFile(cached, 'utf8')).type).toBe('object');
  }, 120_000);
});

describe('schemaFirstValidator', () => {
  it('judges in process, sends $include files to the CLI', async () => {
    const v = schemaFirstValidator(cli, dataDir);
    expect(await v.validate(VALID)).toEqual([]);
    expect(v.kind).toBe('schema');
    expect((await v.validate('{ warmclawBogus: 1 }')).map((i) => i.path)).toEqual(['<root>']);
    const viaCli = await v.validate('{ $include: "./other.json5" }');
    expect(v.kind).toBe('openclaw-cli');
    expect(viaCli.length).toBeGreaterThan(0); // the temp copy cannot see ./other.json5
  }, 120_000);

  it('its background check sees what the schema cannot: a custom provider without models', async () => {
    const v = schemaFirstValidator(cli, dataDir);
    const after = VALID.replace('gateway:', 'models: { providers: { mybox: { baseUrl: "http://127.0.0.1:9999/v1" } } },\n  gateway:');
    expect(await v.validate(after)).toEqual([]); // the schema accepts it
    expect((await v.background!(VALID, after)).map((i) => i.path)).toEqual(['models.providers.mybox.models']);
  }, 120_000);
});

describe('ConfigFile with the schema-first validator', () => {
  it('writes an add-provider validated in process and confirms it with the CLI in the background', async () => {
    const path = join(dir, 'openclaw.json');
    await writeFile(path, VALID, { mode: 0o600 });
    const { file } = await openConfig({ flag: path, env: { PATH: '', WARMCLAW_OPENCLAW_BIN: cli.bin }, dataDir });
    const r = await file.apply({ type: 'add-provider', input: { kind: 'lmstudio', id: 'lmstudio', models: [{ id: 'qwen/qwen3-32b', contextWindow: 32768 }] } });
    expect(r.changed).toBe(true);
    expect(r.validatedBy).toBe('schema');
    expect(r.backgroundCheck).toBe(true);
    expect((await file.lastBackgroundCheck!).status).toBe('ok');
    expect(await readFile(path, 'utf8')).toContain('// my gateway');
  }, 120_000);

  // A stand-in validator: these two cases are about the writer's rule, not about OpenClaw.
  const fake = (confirm: string[]): ConfigValidator => ({
    kind: 'schema',
    validate: async (text) => (text.includes('fallbacks') ? [{ path: 'agents.defaults.model', message: 'Invalid input' }] : []),
    newIssues,
    confirm: async () => confirm.map((path) => ({ path, message: 'Invalid input' })),
  });
  const write = async (validator: ConfigValidator) => {
    const path = join(dir, `fake-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(path, VALID);
    const file = new ConfigFile({ located: { path, source: 'flag', readOnly: false }, dataDir, validator });
    return file.apply({ type: 'set-fallbacks', input: { refs: ['openai/gpt-5-mini'] } });
  };

  it('refuses a write the schema blames only when the CLI agrees', async () => {
    await expect(write(fake(['agents.defaults.model']))).rejects.toSatisfy((e) => e instanceof WarmclawError && e.code === 'rejected');
    expect((await write(fake([]))).changed).toBe(true);
  });
});
