// Launch at login on Linux: an XDG autostart entry (~/.config/autostart/warmclaw.desktop, or under
// $XDG_CONFIG_HOME). Electron's setLoginItemSettings covers only macOS and Windows, so the shell calls
// this module on Linux at start and whenever settings.launchAtLogin changes.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../fs-atomic';

export const AUTOSTART_FILE = 'warmclaw.desktop';

/** Where the autostart entry lives for this environment. */
export function xdgAutostartPath(env: NodeJS.ProcessEnv = process.env): string {
  const configHome = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(env.HOME ?? homedir(), '.config');
  return join(configHome, 'autostart', AUTOSTART_FILE);
}

/** One Exec argument quoted as the Desktop Entry spec requires (reserved characters → double quotes). */
export function quoteExecArg(arg: string): string {
  // `%` starts a field code anywhere in Exec, so it is doubled whether quoted or not.
  const escapedPercent = arg.replace(/%/g, '%%');
  if (escapedPercent !== '' && !/[\s"'\\><~|&;$*?#()`]/.test(escapedPercent)) return escapedPercent;
  return `"${escapedPercent.replace(/(["`$\\])/g, '\\$1')}"`;
}

export interface DesktopEntryOptions {
  /** The program and its arguments (e.g. [execPath, '--hidden'], or [electron, appPath, '--hidden'] in development). */
  exec: readonly string[];
  name?: string;
  comment?: string;
  /** An absolute icon path (optional: desktop environments fall back to a generic icon). */
  icon?: string;
}

/** The text of warmclaw.desktop. */
export function desktopEntry(opts: DesktopEntryOptions): string {
  if (!opts.exec.length) throw new Error('desktopEntry needs a program to run');
  // Values are single lines: a newline in a path would end the key.
  const line = (s: string) => s.replace(/[\r\n]+/g, ' ');
  const lines = [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${line(opts.name ?? 'Warmclaw')}`,
    `Comment=${line(opts.comment ?? 'Keeps local LLMs warm for OpenClaw')}`,
    `Exec=${line(opts.exec.map(quoteExecArg).join(' '))}`,
    ...(opts.icon ? [`Icon=${line(opts.icon)}`] : []),
    'Terminal=false',
    'Categories=Utility;',
    'X-GNOME-Autostart-enabled=true',
    // Marks the file as ours: we only ever remove an entry we wrote.
    'X-Warmclaw=true',
  ];
  return lines.join('\n') + '\n';
}

/** Whether our autostart entry exists (and is not disabled with Hidden=true by the desktop's settings). */
export async function isXdgAutostartEnabled(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  try {
    const text = await readFile(xdgAutostartPath(env), 'utf8');
    return !/^Hidden\s*=\s*true\s*$/m.test(text) && !/^X-GNOME-Autostart-enabled\s*=\s*false\s*$/m.test(text);
  } catch {
    return false;
  }
}

/**
 * Writes (enabled) or removes (disabled) the entry; idempotent. Removing leaves a file alone that we
 * did not write (a user's own warmclaw.desktop without our marker).
 */
export async function setXdgAutostart(enabled: boolean, entry: DesktopEntryOptions, env: NodeJS.ProcessEnv = process.env): Promise<'written' | 'unchanged' | 'removed' | 'absent' | 'not-ours'> {
  const path = xdgAutostartPath(env);
  const current = await readFile(path, 'utf8').catch(() => null);
  if (enabled) {
    const text = desktopEntry(entry);
    if (current === text) return 'unchanged';
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFileAtomic(path, text, { mode: 0o644 });
    return 'written';
  }
  if (current === null) return 'absent';
  if (!/^X-Warmclaw=true$/m.test(current)) return 'not-ours';
  await rm(path, { force: true });
  return 'removed';
}
