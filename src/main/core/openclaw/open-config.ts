// Composition for one config file: locate it, find the user's OpenClaw CLI (validator + gateway
// client), and wire them into ConfigFile. The CLI, the daemon and the app all open configs this way.
import { warmclawDataDir } from '../paths';
import { ConfigFile, type ConfigValidator, type GatewayLink } from './config-file';
import { gatewayConfigApply, gatewayConfigGet, gatewayRawMatches, gatewayTarget, isGatewayUp } from './gateway';
import { locateConfig, type LocatedConfig } from './locate';
import { findOpenclaw, newIssues, validateWithOpenclaw, type OpenclawCli } from './openclaw-cli';

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
}

/** Opens a config with everything the safe writer needs. */
export async function openConfig(opts: OpenConfigOptions): Promise<OpenedConfig> {
  const located = locateConfig({ flag: opts.flag, env: opts.env });
  const dataDir = opts.dataDir ?? warmclawDataDir(opts.env);
  const cli = await findOpenclaw({ configuredPath: opts.openclawBin ?? opts.env.WARMCLAW_OPENCLAW_BIN, env: opts.env });
  const validator: ConfigValidator | null = cli
    ? { validate: async (text) => (await validateWithOpenclaw(cli, text)).issues, newIssues }
    : null;
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
  const file: ConfigFile = new ConfigFile({ located, dataDir, validator, gateway, gatewayConfirmMs: opts.gatewayConfirmMs });
  // A write killed last time (crash, SIGKILL, power loss) left temp copies, locks or pending backups.
  await file.cleanUpDebris();
  return { located, file, cli, validator };
}
