// Test-only guard (DESIGN §5): corpus configs name LAN and hosted hosts, and a test must never send
// traffic off this machine. With WARMCLAW_LOOPBACK_ONLY=1 (set by the test setup and CI) every
// outgoing connection to a host that is not loopback is refused before any socket opens.
import { isIP } from 'node:net';

/** True when the guard is on for this process. */
export function loopbackOnly(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.WARMCLAW_LOOPBACK_ONLY === '1';
}

/** 127.0.0.0/8, ::1 (also IPv4-mapped loopback) and `localhost`; `[::1]` as URL.hostname writes it. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.split('.')[0] === '127';
  if (isIP(h) === 6) {
    if (h === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(h)) return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    return !!mapped && mapped[1]!.split('.')[0] === '127';
  }
  return false;
}

/** The refusal, in words, when the guard is on and `hostname` is not loopback; undefined when allowed. */
export function loopbackRefusal(hostname: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!loopbackOnly(env) || isLoopbackHost(hostname)) return undefined;
  return `WARMCLAW_LOOPBACK_ONLY=1: refusing to connect to ${hostname}, which is not a loopback address (127.0.0.0/8, ::1, localhost); no connection was attempted`;
}
