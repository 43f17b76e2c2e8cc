import { ensureOpenclaw } from '../scripts/ensure-openclaw.mjs';

/** Installs the pinned real OpenClaw CLI into .cache/openclaw once, so validator tests run from a clean clone. */
export default async function setup(): Promise<void> {
  // No test may send traffic off loopback (corpus configs name LAN hosts): the HTTP layer refuses
  // other hosts while this is set. Workers start after this and inherit it.
  process.env.WARMCLAW_LOOPBACK_ONLY = '1';
  await ensureOpenclaw({ quiet: false });
}
