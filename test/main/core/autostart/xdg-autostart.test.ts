import { existsSync, readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopEntry, isXdgAutostartEnabled, quoteExecArg, setXdgAutostart, xdgAutostartPath } from '../../../../src/main/core/autostart/xdg-autostart';
import { tempDir } from '../../../helpers/tmp';

const root = tempDir('warmclaw-autostart-');

describe('xdg autostart', () => {
  it('lives under $XDG_CONFIG_HOME/autostart, else ~/.config/autostart (a relative XDG_CONFIG_HOME is ignored, as the spec says)', () => {
    expect(xdgAutostartPath({ HOME: '/home/u', XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/autostart/warmclaw.desktop');
    expect(xdgAutostartPath({ HOME: '/home/u' })).toBe('/home/u/.config/autostart/warmclaw.desktop');
    expect(xdgAutostartPath({ HOME: '/home/u', XDG_CONFIG_HOME: 'rel' })).toBe('/home/u/.config/autostart/warmclaw.desktop');
  });

  it('quotes Exec arguments per the Desktop Entry spec', () => {
    expect(quoteExecArg('/opt/Warmclaw/warmclaw')).toBe('/opt/Warmclaw/warmclaw');
    expect(quoteExecArg('/home/u/My Apps/warmclaw')).toBe('"/home/u/My Apps/warmclaw"');
    expect(quoteExecArg('a"b$c`d\\e')).toBe('"a\\"b\\$c\\`d\\\\e"');
    expect(quoteExecArg('100%')).toBe('100%%');
    expect(quoteExecArg('')).toBe('""');
  });

  it('writes a valid entry', () => {
    const text = desktopEntry({ exec: ['/opt/Warmclaw/warmclaw', '--hidden'], icon: '/opt/Warmclaw/icon.png' });
    expect(text.split('\n')[0]).toBe('[Desktop Entry]');
    expect(text).toContain('Type=Application\n');
    expect(text).toContain('Exec=/opt/Warmclaw/warmclaw --hidden\n');
    expect(text).toContain('Icon=/opt/Warmclaw/icon.png\n');
    expect(() => desktopEntry({ exec: [] })).toThrow();
  });

  it('enables, is idempotent, disables, and never removes a file it did not write', async () => {
    const env = { HOME: join(root, 'home'), XDG_CONFIG_HOME: join(root, 'xdg') };
    const path = xdgAutostartPath(env);
    const entry = { exec: ['/usr/bin/warmclaw', '--hidden'] };
    expect(await isXdgAutostartEnabled(env)).toBe(false);
    expect(await setXdgAutostart(false, entry, env)).toBe('absent');
    expect(await setXdgAutostart(true, entry, env)).toBe('written');
    expect(existsSync(path)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o644);
    expect(await isXdgAutostartEnabled(env)).toBe(true);
    expect(await setXdgAutostart(true, entry, env)).toBe('unchanged');
    expect(await setXdgAutostart(true, { exec: ['/opt/new/warmclaw', '--hidden'] }, env)).toBe('written');
    expect(readFileSync(path, 'utf8')).toContain('Exec=/opt/new/warmclaw --hidden');
    expect(await setXdgAutostart(false, entry, env)).toBe('removed');
    expect(existsSync(path)).toBe(false);

    mkdirSync(join(env.XDG_CONFIG_HOME, 'autostart'), { recursive: true });
    writeFileSync(path, '[Desktop Entry]\nType=Application\nExec=my-own-thing\n');
    expect(await setXdgAutostart(false, entry, env)).toBe('not-ours');
    expect(existsSync(path)).toBe(true);
  });

  it('treats Hidden=true (switched off in the desktop settings) as disabled', async () => {
    const env = { HOME: join(root, 'home2'), XDG_CONFIG_HOME: join(root, 'xdg2') };
    await setXdgAutostart(true, { exec: ['/usr/bin/warmclaw'] }, env);
    writeFileSync(xdgAutostartPath(env), readFileSync(xdgAutostartPath(env), 'utf8') + 'Hidden=true\n');
    expect(await isXdgAutostartEnabled(env)).toBe(false);
  });
});
