import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateConfig } from '../../../../src/main/core/openclaw/locate';

const home = '/home/u';

describe('locateConfig', () => {
  it('follows OpenClaw precedence: flag > OPENCLAW_CONFIG_PATH > OPENCLAW_STATE_DIR > ~/.openclaw', () => {
    const env = { OPENCLAW_CONFIG_PATH: '/a/oc.json', OPENCLAW_STATE_DIR: '/state' };
    expect(locateConfig({ flag: '/flag.json', env, home })).toMatchObject({ path: '/flag.json', source: 'flag' });
    expect(locateConfig({ env, home })).toMatchObject({ path: '/a/oc.json', source: 'OPENCLAW_CONFIG_PATH' });
    expect(locateConfig({ env: { OPENCLAW_STATE_DIR: '/state' }, home })).toMatchObject({ path: '/state/openclaw.json', source: 'OPENCLAW_STATE_DIR' });
    expect(locateConfig({ env: {}, home })).toMatchObject({ path: join(home, '.openclaw', 'openclaw.json'), source: 'default', readOnly: false });
  });

  it('expands ~ in paths', () => {
    expect(locateConfig({ flag: '~/x/openclaw.json', env: {}, home }).path).toBe('/home/u/x/openclaw.json');
  });

  it.each([
    ['OPENCLAW_CONFIG_READONLY', '1', true],
    ['OPENCLAW_NIX_MODE', '1', true],
    ['OPENCLAW_CONFIG_READONLY', '0', false],
    ['OPENCLAW_CONFIG_READONLY', 'false', false],
  ])('%s=%s -> read-only %s', (k, v, ro) => {
    const r = locateConfig({ env: { [k]: v }, home });
    expect(r.readOnly).toBe(ro);
    if (ro) expect(r.readOnlyReason).toContain(k);
  });
});
