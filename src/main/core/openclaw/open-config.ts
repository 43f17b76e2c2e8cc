// Composition for one config file: locate it, find the user's OpenClaw CLI (validator + gateway
// client), and wire them into ConfigFile. The CLI, the daemon and the app all open configs this way.
import JSON5 from 'json5';
import { warmclawDataDir } from '../paths';
import { ConfigFile, type BackgroundCheck, type ConfigValidator, type GatewayLink, type ValidationIssue } from './config-file';
import { gatewayConfigApply, gatewayConfigGet, gatewayRawMatches, gatewayTarget, isGatewayUp } from './gateway';
import { locateConfig, type LocatedConfig } from './locate';
import { findOpenclaw, newIssues, validateWithOpenclaw, type OpenclawCli } from './openclaw-cli';
import { refsUnknownToOpenclaw } from './openclaw-model-catalog';
import { loadOpenclawSchema } from './openclaw-schema';

export interface OpenedConfig {
  located: LocatedConfig;
  file: ConfigFile;
  cli: OpenclawCli | null;
  validator: ConfigValidator | null;
}

export interface OpenConfigOptions {
  flag?: string;
  env: NodeJS.ProcessEnv;
  /** OpenClaw CLI to validate with; else WARMCLAW_OPENCLAW_BIN, else `openclaw` on PATH. */
  openclawBin?: string;
  dataDir?: string;
  /** How long a write waits for a running gateway to confirm the reload (ms). */
  gatewayConfirmMs?: number;
  /** Validate with OpenClaw's CLI on every write (the slow path) instead of its schema in process. */
  cliValidation?: boolean;
  /** Told the outcome of each write's background check by OpenClaw's CLI. */
  onBackgroundCheck?: (check: BackgroundCheck) => void;
}

/**
 * Validation with OpenClaw's JSON schema in process (docs/decisions/0005): sub-second, and the CLI
 * stays the authority. It overrules a refusal (`confirm`), and checks every write in the background
 * for OpenClaw's rules outside the schema. Texts the schema cannot judge go to the CLI directly:
 * when the schema cannot be had (older OpenClaw, no `config schema`), and `$include` files (the
 * included files are OpenClaw's to resolve).
 */
export function schemaFirstValidator(cli: OpenclawCli, dataDir: string): ConfigValidator {
  const byCli = new Set<string>();
  const cliIssues = async (text: string): Promise<ValidationIssue[]> => (await validateWithOpenclaw(cli, text)).issues;
  const cliAdded = async (before: string, after: string) => {
    const [b, a] = await Promise.all([cliIssues(before), cliIssues(after)]);
    return newIssues(b, a);
  };
  const validator: ConfigValidator = {
    kind: 'schema',
    newIssues,
    validate: async (text) => {
      const load = text.includes('$include') ? undefined : await loadOpenclawSchema(cli, dataDir);
      if (!load?.ok) {
        validator.kind = 'openclaw-cli';
        byCli.add(text);
        return cliIssues(text);
      }
      validator.kind = 'schema';
      let value: unknown;
      try {
        value = JSON5.parse(text);
      } catch (err) {
        return [{ path: '<root>', message: `JSON5 parse failed: ${(err as Error).message}` }];
      }
      return load.validator.validate(value);
    },
    confirm: cliAdded,
    // Texts the CLI already judged need no second look.
    background: async (before, after) => (byCli.has(before) && byCli.has(after) ? [] : cliAdded(before, after)),
    unknownRefs: (text, refs) => refsUnknownToOpenclaw(cli, text, refs),
  };
  return validator;
}

/** Opens a config with everything the safe writer needs. */
export async function openConfig(opts: OpenConfigOptions): Promise<OpenedConfig> {
  const located = locateConfig({ flag: opts.flag, env: opts.env });
  const dataDir = opts.dataDir ?? warmclawDataDir(opts.env);
  const cli = await findOpenclaw({ configuredPath: opts.openclawBin ?? opts.env.WARMCLAW_OPENCLAW_BIN, env: opts.env });
  const validator: ConfigValidator | null = !cli
    ? null
    : opts.cliValidation
      ? { kind: 'openclaw-cli', validate: async (text) => (await validateWithOpenclaw(cli, text)).issues, newIssues, unknownRefs: (text, refs) => refsUnknownToOpenclaw(cli, text, refs) }
      : schemaFirstValidator(cli, dataDir);
  let gateway: GatewayLink | null = null;
  if (cli) {
    // The target (port, token) comes from the file as it is when we connect.
    const target = async () => gatewayTarget((await file.read()).doc.value, opts.env);
    gateway = {
      isUp: async () => isGatewayUp(await target(), 500),
      getConfig: async () => gatewayConfigGet(cli, await target()),
      rawMatches: gatewayRawMatches,
      apply: async (raw, baseHash) => {
        await gatewayConfigApply(cli, await target(), { raw, baseHash, note: 'Warmclaw' });
      },
    };
  }
  const file: ConfigFile = new ConfigFile({ located, dataDir, validator, gateway, gatewayConfirmMs: opts.gatewayConfirmMs, onBackgroundCheck: opts.onBackgroundCheck });
  // A write killed last time (crash, SIGKILL, power loss) left temp copies, locks or pending backups.
  await file.cleanUpDebris();
  return { located, file, cli, validator };
}
