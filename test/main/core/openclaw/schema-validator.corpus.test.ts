// In-process validation (OpenClaw's JSON schema + ajv) against the REAL `openclaw config validate --json`
// on every corpus file and on generated mutations: the set of issue paths must be the same, or the
// difference must be one of the kinds documented in docs/decisions/0005-in-process-validation.md.
// The CLI runs two at a time (2 cores); the schema is fetched once into this file's own data folder.
import JSON5 from 'json5';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureOpenclaw } from '../../../../scripts/ensure-openclaw.mjs';
import { findOpenclaw, validateWithOpenclaw, type OpenclawCli } from '../../../../src/main/core/openclaw/openclaw-cli';
import { loadOpenclawSchema } from '../../../../src/main/core/openclaw/openclaw-schema';
import type { OpenclawSchemaValidator } from '../../../../src/main/core/openclaw/schema-validator';
import { invalidConfigs, noteSharedCorpus, realConfigs } from '../../../helpers/corpus';
import { mapLimited } from '../../../helpers/pool';
import { tempDir } from '../../../helpers/tmp';


type Obj = Record<string, unknown>;

/**
 * The documented kinds of difference. `schema-only`: OpenClaw migrates or defaults these before it
 * validates, so its CLI does not report them; the schema does. `cli-only`: rules OpenClaw checks in
 * code, outside its schema. Anything else fails the test.
 */
const KNOWN: { kind: string; side: 'schema-only' | 'cli-only'; test: (path: string, message: string) => boolean }[] = [
  { kind: 'legacy agents.list (migrated to agents.entries)', side: 'schema-only', test: (p, m) => p === 'agents' && /"list"/.test(m) },
  { kind: 'legacy agents.defaults key (migrated)', side: 'schema-only', test: (p, m) => p === 'agents.defaults' && /"contextTokens"/.test(m) },
  { kind: 'channel sections (legacy keys migrated, plugin defaults filled)', side: 'schema-only', test: (p) => p.startsWith('channels.') },
  { kind: 'multi-agent roster without agents.ownership', side: 'cli-only', test: (p) => p === 'agents.ownership' },
  { kind: 'custom provider without models', side: 'cli-only', test: (p) => /^models\.providers\.[^.]+\.models$/.test(p) },
  { kind: 'legacy web_search config', side: 'cli-only', test: (p) => p === 'tools.web.search.apiKey' },
  { kind: 'MCP server entries (checked by code, not the schema)', side: 'cli-only', test: (p) => p.startsWith('mcp.servers.') },
];

function kindOf(side: 'schema-only' | 'cli-only', path: string, message: string): string | undefined {
  return KNOWN.find((k) => k.side === side && k.test(path, message))?.kind;
}


const lmstudio = () => ({ baseUrl: 'http://127.0.0.1:1234/v1', api: 'openai-completions', models: [{ id: 'qwen/qwen3-32b', name: 'Qwen3 32B', contextWindow: 32768 }] });

/** Mutations of a file OpenClaw accepts: each must give exactly the CLI's paths. */
function mutations(base: Obj): { name: string; value: Obj }[] {
  const clone = () => structuredClone(base) as Obj & { models?: Obj; agents?: Obj };
  const withProvider = (mut: (p: Obj & { models: Obj[] }) => void) => {
    const v = clone();
    const provider = lmstudio() as Obj & { models: Obj[] };
    mut(provider);
    v.models = { ...(v.models ?? {}), providers: { ...((v.models?.providers as Obj) ?? {}), lmstudio: provider } };
    return v;
  };
  const withAgentsModel = (model: unknown) => {
    const v = clone();
    const agents = (v.agents ?? {}) as Obj;
    v.agents = { ...agents, defaults: { ...((agents.defaults as Obj) ?? {}), model } };
    return v;
  };
  return [
    { name: 'valid lmstudio provider', value: withProvider(() => undefined) },
    { name: 'unknown key at root', value: { ...clone(), warmclawBogus: true } },
    { name: 'unknown key in a provider', value: withProvider((p) => (p.bogus = 1)) },
    { name: 'unknown key in a model entry', value: withProvider((p) => (p.models[0]!.bogus = 1)) },
    { name: 'contextWindow as a string', value: withProvider((p) => (p.models[0]!.contextWindow = 'big')) },
    { name: 'model entry without name', value: withProvider((p) => delete p.models[0]!.name) },
    { name: 'agents.defaults.model as a number', value: withAgentsModel(5) },
    { name: 'agents.defaults.model with an unknown key', value: withAgentsModel({ primary: 'lmstudio/qwen/qwen3-32b', bogus: 1 }) },
    { name: 'gateway.bind outside its enum', value: { ...clone(), gateway: { ...((clone().gateway as Obj) ?? {}), bind: 'everywhere' } } },
  ];
}

describe('in-process validation matches `openclaw config validate --json`', () => {
  noteSharedCorpus();
  let cli: OpenclawCli;
  let schema: OpenclawSchemaValidator;
  const dataDir = tempDir('warmclaw-schema-corpus-');

  beforeAll(async () => {
    const bin = await ensureOpenclaw();
    const found = await findOpenclaw({ configuredPath: bin, env: { PATH: '' } });
    if (!found) throw new Error(`findOpenclaw did not accept ${bin}`);
    cli = found;
    const load = await loadOpenclawSchema(cli, dataDir);
    if (!load.ok) throw new Error(load.reason);
    schema = load.validator;
  });

  const paths = (issues: { path: string }[]) => [...new Set(issues.map((i) => i.path))].sort();

  it('on every corpus file: same paths, or a documented kind of difference', { timeout: 600_000 }, async () => {
    const files = [...realConfigs(), ...invalidConfigs()].filter((f) => !f.text.includes('$include')); // $include files go to the CLI
    const reports = await mapLimited(files, (f) => validateWithOpenclaw(cli, f.text));
    const rows: string[] = [];
    const unexplained: string[] = [];
    let same = 0;
    files.forEach((f, i) => {
      let mine: { path: string; message: string }[];
      try {
        mine = schema.validate(JSON5.parse(f.text));
      } catch {
        mine = [{ path: '<root>', message: 'parse error' }]; // the writer never validates unparsable text; the CLI says <root> too
      }
      const theirs = reports[i]!.issues;
      const cliPaths = new Set(paths(theirs));
      const myPaths = new Set(paths(mine));
      const diffs = [
        ...mine.filter((m) => !cliPaths.has(m.path)).map((m) => ({ side: 'schema-only' as const, ...m })),
        ...theirs.filter((t) => !myPaths.has(t.path)).map((t) => ({ side: 'cli-only' as const, ...t })),
      ];
      if (diffs.length === 0) same++;
      for (const d of diffs) {
        const kind = kindOf(d.side, d.path, d.message);
        rows.push(`${f.name}: ${d.side} ${d.path} (${kind ?? 'UNEXPLAINED'})`);
        if (!kind) unexplained.push(`${f.name}: ${d.side} ${d.path}: ${d.message}`);
      }
    });
    console.log(`[schema-validator.corpus] ${same}/${files.length} files: identical issue paths; differences:\n${rows.join('\n')}`);
    expect(unexplained).toEqual([]);
    // The documented differences stay the exception.
    expect(same).toBeGreaterThanOrEqual(Math.floor(files.length / 3));
  });

  it('on generated mutations: exactly the same paths', { timeout: 300_000 }, async () => {
    // A file OpenClaw accepts as the base: the shared corpus's PPIO config when present, else one of ours.
    const base = realConfigs().find((f) => f.name.startsWith('PPIO__')) ?? realConfigs().find((f) => f.name === 'plugins-and-tools.json')!;
    const cases = mutations(JSON5.parse(base.text) as Obj);
    const reports = await mapLimited(cases, (c) => validateWithOpenclaw(cli, JSON.stringify(c.value, null, 2)));
    const got = cases.map((c) => ({ name: c.name, paths: paths(schema.validate(c.value)) }));
    const want = cases.map((c, i) => ({ name: c.name, paths: paths(reports[i]!.issues) }));
    expect(got).toEqual(want);
    // The mutations really are invalid (except the control), so the comparison means something.
    expect(want.filter((w) => w.paths.length === 0).map((w) => w.name)).toEqual(['valid lmstudio provider']);
  });
});
