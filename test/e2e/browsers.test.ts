// Which Chromium the e2e journeys get (e2e/browsers.ts): CHROMIUM_PATH, else a system one, and the
// bundled @sparticuz/chromium 147 with flags that suit Playwright (not AWS Lambda).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledLaunchOptions, systemChromium } from '../../e2e/browsers';

describe('systemChromium', () => {
  const only = (...paths: string[]) => (p: string) => paths.includes(p);

  it('takes CHROMIUM_PATH first, and refuses one that does not exist', () => {
    expect(systemChromium({ CHROMIUM_PATH: '/opt/my/chrome' }, only('/opt/my/chrome', '/usr/bin/chromium'))).toBe('/opt/my/chrome');
    expect(() => systemChromium({ CHROMIUM_PATH: '/nope' }, only('/usr/bin/chromium'))).toThrow('CHROMIUM_PATH=/nope does not exist');
  });

  it("finds Debian's chromium, then Google Chrome, else nothing", () => {
    expect(systemChromium({}, only('/usr/bin/chromium', '/usr/bin/google-chrome'))).toBe('/usr/bin/chromium');
    expect(systemChromium({}, only('/usr/bin/google-chrome'))).toBe('/usr/bin/google-chrome');
    expect(systemChromium({}, only())).toBeNull();
  });
});

describe.skipIf(process.platform !== 'linux' || process.arch !== 'x64')('bundledLaunchOptions (@sparticuz/chromium, Linux x64 only)', () => {
  it('unpacks the binary and drops the flags that break Playwright or the same-origin rules', async () => {
    const o = (await bundledLaunchOptions())!;
    expect(existsSync(o.executablePath!)).toBe(true);
    expect(o.args).toContain('--no-sandbox');
    for (const flag of ['--single-process', '--disable-web-security']) expect(o.args).not.toContain(flag);
    expect(o.args!.some((a) => a.startsWith('--headless'))).toBe(false);
  });
});
