// The safe writer: refusals, creation, backups, conflicts, crash safety and racing writers.
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import JSON5 from 'json5';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EditCommand } from '../../../../src/shared/config-edits';
import { ConfigFile, type ConfigValidator } from '../../../../src/main/core/openclaw/config-file';
import { MAX_BACKUPS } from '../../../../src/main/core/openclaw/backups';
import { invalidConfigs, noteSharedCorpus, ownRealConfigs } from '../../../helpers/corpus';
import { bundleChild, exited, runNode } from '../../../helpers/child';
import { rejection } from '../../../helpers/rejection';
import { tempDir } from '../../../helpers/tmp';

const LM: EditCommand = { type: 'add-provider', input: { kind: 'lmstudio', id: 'wc-lmstudio', models: [{ id: 'qwen/qwen3-32b', contextWindow: 32768 }] } };

function fileAt(dir: string, name = 'openclaw.json', readOnly = false, validator: ConfigValidator | null = null) {
  const path = join(dir, name);
  return { path, cf: new ConfigFile({ located: { path, source: 'flag', readOnly, readOnlyReason: readOnly ? 'OPENCLAW_CONFIG_READONLY is set' : undefined }, dataDir: join(dir, 'data'), validator }) };
}

describe('ConfigFile', () => {
  // A stand-in validator: this is about how the writer combines OpenClaw's two after-write checks.
  it('after a write, asks about the refs it added (not the listed ones), and keeps those findings when the validator half fails', async () => {
    const asked: string[][] = [];
    const validator: ConfigValidator = {
      validate: async () => [],
      newIssues: () => [],
      background: async () => {
        throw new Error('validator crashed');
      },
      unknownRefs: async (_text, refs) => (asked.push(refs), refs.filter((r) => r.startsWith('openai/')).map((ref) => ({ ref, reason: `Unknown model: ${ref}.` }))),
    };
    const { cf } = fileAt(tempDir(), 'openclaw.json', false, validator);
    await cf.apply(LM);
    await cf.lastBackgroundCheck;
    expect(asked).toEqual([]); // add-provider names no ref in the routing
    await cf.apply({ type: 'set-fallbacks', input: { refs: ['wc-lmstudio/qwen/qwen3-32b', 'openai/gpt-5.1', 'anthropic/claude-opus-4-6'] } });
    const check = await cf.lastBackgroundCheck!;
    expect(asked).toEqual([['openai/gpt-5.1', 'anthropic/claude-opus-4-6']]);
    expect(check.status).toBe('failed');
    expect(check.warnings).toMatchObject([{ code: 'unknown-to-openclaw', message: expect.stringContaining('openai/gpt-5.1') }]);
  });

  it('creates a missing file only on an explicit write, with mode 0600', async () => {
    const { path, cf } = fileAt(tempDir());
    const read = await cf.read();
    expect(read.exists).toBe(false);
    expect(existsSync(path)).toBe(false);
    await cf.apply(LM);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON5.parse(readFileSync(path, 'utf8')).models.mode).toBe('merge');
  });

  it('refuses every write when read-only, and leaves the file alone', async () => {
    const dir = tempDir();
    const { path, cf } = fileAt(dir, 'openclaw.json', true);
    writeFileSync(path, '{ // mine\n}\n');
    const err = await rejection(cf.apply(LM));
    expect(err.code).toBe('read-only');
    expect(err.message).toContain('OPENCLAW_CONFIG_READONLY');
    expect(readFileSync(path, 'utf8')).toBe('{ // mine\n}\n');
  });

  noteSharedCorpus();
  it.each(invalidConfigs().map((f) => [`${f.corpus}/${f.name}`, f] as const))('never writes the invalid file %s and says where it breaks', async (_n, f) => {
    const dir = tempDir();
    const { path, cf } = fileAt(dir);
    writeFileSync(path, readFileSync(f.path));
    const before = readFileSync(path);
    const err = await rejection(cf.apply(LM));
    expect(err.code).toBe('invalid-file');
    expect(err.line).toBeGreaterThan(0);
    expect(err.column).toBeGreaterThan(0);
    expect(err.message).toMatch(new RegExp(`:${err.line}:${err.column}:`));
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('reports a wrong type at an edited path with its line and column, and writes nothing', async () => {
    const { path, cf } = fileAt(tempDir());
    const text = '{\n  models: {\n    providers: ["not", "an object"],\n  },\n}\n';
    writeFileSync(path, text);
    const err = await rejection(cf.apply(LM));
    expect(err.code).toBe('invalid-file');
    expect(err.message).toContain('models.providers must be an object');
    expect(err.line).toBe(3);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('refuses a change that adds a validator issue, and shows existing ones', async () => {
    const { path, cf } = fileAt(tempDir(), 'openclaw.json', false, {
      // A stand-in validator with a real rule: it flags any provider named "wc-lmstudio".
      validate: async (text) => ('wc-lmstudio' in ((JSON5.parse(text).models?.providers as object) ?? {}) ? [{ path: 'models.providers.wc-lmstudio', message: 'nope' }] : []),
      newIssues: (b, a) => a.filter((x) => !b.some((y) => y.path === x.path && y.message === x.message)),
    });
    writeFileSync(path, '{}\n');
    const err = await rejection(cf.apply(LM));
    expect(err.code).toBe('rejected');
    expect(err.message).toContain('models.providers.wc-lmstudio: nope');
    expect(readFileSync(path, 'utf8')).toBe('{}\n');
  });

  it('keeps the newest 50 backups and undo walks back through them', async () => {
    const { path, cf } = fileAt(tempDir());
    writeFileSync(path, '{\n  // keep me\n}\n');
    await cf.apply(LM);
    for (let i = 0; i < MAX_BACKUPS + 3; i++) {
      await cf.apply({ type: 'set-limits', input: { ref: 'wc-lmstudio/qwen/qwen3-32b', contextWindow: 20000 + i } });
    }
    const list = await cf.backups.list();
    expect(list).toHaveLength(MAX_BACKUPS);
    expect(statSync(join(cf.backups.dir, `${list[0]!.id}.json5`)).mode & 0o777).toBe(0o600);
    await cf.undo();
    expect(JSON5.parse(readFileSync(path, 'utf8')).models.providers['wc-lmstudio'].models[0].contextWindow).toBe(20000 + MAX_BACKUPS + 1);
    expect(await cf.backups.list()).toHaveLength(MAX_BACKUPS - 1);
  });

  it('undo of local-first on also forgets the remembered order', async () => {
    const { path, cf } = fileAt(tempDir());
    writeFileSync(path, '{ agents: { defaults: { model: "anthropic/claude-opus-4-6" } } }\n');
    await cf.apply(LM);
    await cf.apply({ type: 'local-first-on', input: {} });
    expect(await cf.localFirst.get(path)).not.toBeNull();
    await cf.undo();
    expect(await cf.localFirst.get(path)).toBeNull();
    expect(JSON5.parse(readFileSync(path, 'utf8')).agents.defaults.model).toBe('anthropic/claude-opus-4-6');
  });

  it('re-applies the edit when the file changes underneath (never loses the other change)', async () => {
    const dir = tempDir();
    const path = join(dir, 'openclaw.json');
    writeFileSync(path, '{\n  gateway: { port: 18789 },\n}\n');
    let sneaked = false;
    // The validator runs between read and rename: a perfect moment for another program to write.
    const validator: ConfigValidator = {
      validate: async () => {
        if (!sneaked) {
          sneaked = true;
          writeFileSync(path, '{\n  gateway: { port: 18790 },\n}\n');
        }
        return [];
      },
      newIssues: () => [],
    };
    const cf = new ConfigFile({ located: { path, source: 'flag', readOnly: false }, dataDir: join(dir, 'data'), validator });
    await cf.apply(LM);
    const after = JSON5.parse(readFileSync(path, 'utf8'));
    expect(after.gateway.port).toBe(18790);
    expect(after.models.providers['wc-lmstudio']).toBeDefined();
  });

  it('preview writes nothing and returns a unified diff', async () => {
    const { path, cf } = fileAt(tempDir());
    writeFileSync(path, '{\n  // comment\n  models: { mode: "merge" },\n}\n');
    const r = await cf.preview(LM);
    expect(r.diff).toContain('+');
    expect(r.diff).toContain('wc-lmstudio');
    expect(readFileSync(path, 'utf8')).toBe('{\n  // comment\n  models: { mode: "merge" },\n}\n');
  });
});

describe('processes', () => {
  let child = '';
  const work = tempDir('warmclaw-proc-');
  beforeAll(async () => {
    child = await bundleChild(resolve(__dirname, '../../../fixtures/writer-child.ts'), work);
  });

  it('a writer killed with SIGKILL at 200 random moments leaves the old or the new file, never a mix', async () => {
    const dir = tempDir();
    const path = join(dir, 'openclaw.json');
    const base = ownRealConfigs().find((f) => f.name === 'multi-local.json5')!.text;
    const { cf } = fileAt(dir);
    writeFileSync(path, base);
    await cf.apply(LM);
    const versions = new Set<string>();
    await cf.apply({ type: 'set-limits', input: { ref: 'wc-lmstudio/qwen/qwen3-32b', contextWindow: 65536 } });
    versions.add(readFileSync(path, 'utf8'));
    await cf.apply({ type: 'set-limits', input: { ref: 'wc-lmstudio/qwen/qwen3-32b', contextWindow: 32768 } });
    versions.add(readFileSync(path, 'utf8'));
    expect(versions.size).toBe(2);
    let kills = 0;
    for (let i = 0; i < 200; i++) {
      const p = runNode(child, ['loop', path, join(dir, 'data')]);
      await new Promise<void>((r) => p.stdout!.once('data', () => r()));
      await new Promise((r) => setTimeout(r, Math.random() * 40));
      p.kill('SIGKILL');
      await exited(p);
      kills++;
      expect(versions.has(readFileSync(path, 'utf8'))).toBe(true);
    }
    expect(kills).toBe(200);
    // Killed writers' temp files are cleaned by the next write.
    await cf.apply({ type: 'set-limits', input: { ref: 'wc-lmstudio/qwen/qwen3-32b', contextWindow: 40000 } });
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 180_000);

  it('two processes racing never lose either change', async () => {
    const dir = tempDir();
    const path = join(dir, 'openclaw.json');
    writeFileSync(path, '{\n  // shared\n  agents: { defaults: { models: {} } },\n}\n');
    chmodSync(path, 0o600);
    const a = runNode(child, ['aliases', path, join(dir, 'data'), 'a', '15']);
    const b = runNode(child, ['aliases', path, join(dir, 'data'), 'b', '15']);
    let errors = '';
    a.stderr!.on('data', (d) => (errors += d));
    b.stderr!.on('data', (d) => (errors += d));
    expect([await exited(a), await exited(b)]).toEqual([0, 0]);
    expect(errors).toBe('');
    const models = JSON5.parse(readFileSync(path, 'utf8')).agents.defaults.models;
    for (const tag of ['a', 'b']) for (let i = 0; i < 15; i++) expect(models[`openai/${tag}-${i}`]).toEqual({ alias: `${tag}${i}` });
    expect(readFileSync(path, 'utf8')).toContain('// shared');
  }, 120_000);
});
