import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Warmclaw's own data folder (backups, remembered state, locks): never next to the user's config.
 * WARMCLAW_DATA_DIR overrides it (tests, portable installs); otherwise the OS convention, which is also
 * where the Electron app keeps its userData so both share one history.
 */
export function warmclawDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.WARMCLAW_DATA_DIR) return env.WARMCLAW_DATA_DIR;
  const home = env.HOME ?? homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Warmclaw');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Warmclaw');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'warmclaw');
}

/** Where the daemon (`daemon.log`) or the app (`app.log`) writes its log, rotated beside it (.1, .2 …). */
export function logFilePath(dataDir: string, writer: 'daemon' | 'app'): string {
  return join(dataDir, 'logs', `${writer}.log`);
}
