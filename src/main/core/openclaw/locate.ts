import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { english, msg, type Message } from '../../../shared/messages';

export interface LocatedConfig {
  path: string;
  /** How the path was chosen, for `config path` and the UI. */
  source: 'flag' | 'OPENCLAW_CONFIG_PATH' | 'OPENCLAW_STATE_DIR' | 'default';
  readOnly: boolean;
  readOnlyReason?: string;
  /** readOnlyReason as a code the UI translates. */
  readOnlyReasonMsg?: Message;
}

function truthy(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

function expandHome(p: string, home: string): string {
  return p === '~' || p.startsWith('~/') ? join(home, p.slice(1)) : p;
}

/** Finds openclaw.json with OpenClaw's own precedence: flag > OPENCLAW_CONFIG_PATH > $OPENCLAW_STATE_DIR > ~/.openclaw. */
export function locateConfig(opts: { flag?: string; env: NodeJS.ProcessEnv; home?: string }): LocatedConfig {
  const home = opts.home ?? opts.env.HOME ?? homedir();
  const env = opts.env;
  let path: string;
  let source: LocatedConfig['source'];
  if (opts.flag) {
    path = resolve(expandHome(opts.flag, home));
    source = 'flag';
  } else if (env.OPENCLAW_CONFIG_PATH) {
    path = resolve(expandHome(env.OPENCLAW_CONFIG_PATH, home));
    source = 'OPENCLAW_CONFIG_PATH';
  } else if (env.OPENCLAW_STATE_DIR) {
    path = join(resolve(expandHome(env.OPENCLAW_STATE_DIR, home)), 'openclaw.json');
    source = 'OPENCLAW_STATE_DIR';
  } else {
    path = join(home, '.openclaw', 'openclaw.json');
    source = 'default';
  }
  // OpenClaw treats these as "someone else owns this file" (e.g. Nix generates it): show, never write.
  if (truthy(env.OPENCLAW_NIX_MODE)) {
    return { path, source, readOnly: true, readOnlyReason: english(msg('readonly.nix')), readOnlyReasonMsg: msg('readonly.nix') };
  }
  if (truthy(env.OPENCLAW_CONFIG_READONLY)) {
    return { path, source, readOnly: true, readOnlyReason: english(msg('readonly.env')), readOnlyReasonMsg: msg('readonly.env') };
  }
  return { path, source, readOnly: false };
}
