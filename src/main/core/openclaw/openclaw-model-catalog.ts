// "Would OpenClaw know this model?", asked of the user's own OpenClaw CLI. OpenClaw decides "Unknown
// model" at `config set` time (src/cli/config-model-validation.ts, 2026.9.6): each touched
// primary/fallback ref is resolved against the config's own providers (models.providers.*.models[],
// and any model id on a declared provider with a baseUrl), the model catalogs its bundled provider
// plugins ship (openclaw.plugin.json `modelCatalog`), their aliases and forward-compatible ids
// (claude-opus-4-6 resolves through a newer template), and what a plugin discovers. That logic lives
// in plugins and changes per release, so Warmclaw does not copy it: it asks the CLI with a dry run,
//   openclaw config set agents.defaults.model '{"primary":r0,"fallbacks":[r1,…]}' --strict-json --dry-run
// on a private copy of the candidate config, which checks every ref at once and writes nothing, and
// reads the "Cannot set model reference "…" at <path>: Unknown model: …" lines it prints.
// Offline and without credentials (an isolated home), like the validator: what is known to every
// install of this OpenClaw version, not what one account may additionally reach.
import { writeFile } from 'node:fs/promises';
import JSON5 from 'json5';
import type { ConfigWarning } from '../../../shared/config-edits';
import { WarmclawError } from '../errors';
import { excerpt, isolatedEnv, runOpenclaw, withTempDir, type OpenclawCli } from './openclaw-cli';

export interface UnknownRef {
  ref: string;
  /** OpenClaw's own words, first sentence ("Unknown model: openai/gpt-5.1."). */
  reason: string;
}

const DEFAULT_TIMEOUT_MS = 90_000;
const REFUSAL = /^-?\s*Cannot set model reference "(?:[^"\\]|\\.)*" at agents\.defaults\.model\.(primary|fallbacks\.(\d+)): (.*)$/;

/** The candidate config with `agents.defaults.model` taken out, so that setting it touches every ref. */
function withoutRouting(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON5.parse(text);
  } catch (err) {
    throw new WarmclawError('invalid-file', `The config does not parse: ${(err as Error).message}`);
  }
  const root = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const agents = root.agents as Record<string, unknown> | undefined;
  const defaults = agents?.defaults as Record<string, unknown> | undefined;
  if (!defaults || typeof defaults !== 'object') return root;
  const { model: _model, ...rest } = defaults;
  return { ...root, agents: { ...agents, defaults: rest } };
}

/** OpenClaw's reason up to its first full stop: the advice after it names its own commands. */
function firstSentence(detail: string): string {
  const m = /^(.*?\.)(?:\s|$)/.exec(detail);
  return (m?.[1] ?? detail).trim();
}

/**
 * The refs among `refs` that OpenClaw's `config set` would refuse in the config `text`, each with
 * OpenClaw's reason. Empty when it knows them all. Rejects (WarmclawError) when the CLI gives no
 * verdict (timeout, a config it cannot load), so a caller can say "could not check".
 */
export async function refsUnknownToOpenclaw(cli: OpenclawCli, text: string, refs: readonly string[], opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<UnknownRef[]> {
  const unique = [...new Set(refs)];
  if (unique.length === 0) return [];
  const config = withoutRouting(text);
  const routing = { primary: unique[0], fallbacks: unique.slice(1) };
  return withTempDir(async (dir) => {
    const env = isolatedEnv(dir, opts.env ?? process.env);
    await writeFile(env.OPENCLAW_CONFIG_PATH!, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    const r = await runOpenclaw(cli, ['config', 'set', 'agents.defaults.model', JSON.stringify(routing), '--strict-json', '--dry-run'], {
      env,
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      cwd: dir,
    });
    if (r.code === 0) return [];
    const unknown: UnknownRef[] = [];
    for (const line of `${r.stdout}\n${r.stderr}`.split('\n')) {
      const m = REFUSAL.exec(line.trim());
      if (!m) continue;
      const ref = m[1] === 'primary' ? unique[0] : unique[Number(m[2]) + 1];
      if (ref !== undefined) unknown.push({ ref, reason: firstSentence(m[3]!) });
    }
    if (unknown.length === 0) throw new WarmclawError('io', `OpenClaw's CLI (${cli.bin}) could not check the model names (exit ${r.code ?? r.signal}): ${excerpt(r.stderr || r.stdout)}`);
    return unknown;
  });
}

/** The warning for a ref OpenClaw does not know (printed by the CLI, logged, shown in the UI). */
export function unknownRefWarning({ ref, reason }: UnknownRef): ConfigWarning {
  const provider = ref.slice(0, ref.indexOf('/'));
  return {
    code: 'unknown-to-openclaw',
    severity: 'warning',
    message: `${ref}: OpenClaw does not know this model ("${reason}"); its own \`openclaw config set\` would refuse it, and a turn routed to it fails. Check the name: \`openclaw models list --all --provider ${provider}\`.`,
  };
}
