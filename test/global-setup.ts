import { ensureOpenclaw } from '../scripts/ensure-openclaw.mjs';

/** Installs the pinned real OpenClaw CLI into .cache/openclaw once, so validator tests run from a clean clone. */
export default async function setup(): Promise<void> {
  await ensureOpenclaw({ quiet: false });
}
