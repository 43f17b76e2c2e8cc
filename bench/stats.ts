import { performance } from 'node:perf_hooks';

export interface Stats {
  p50: number;
  p99: number;
  mean: number;
  n: number;
}

/** Times `fn` n times after a warm-up; milliseconds. */
export async function measure(fn: () => unknown, n: number, warmup = Math.min(20, n)): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  const q = (p: number) => t[Math.min(t.length - 1, Math.floor(p * t.length))]!;
  return { p50: q(0.5), p99: q(0.99), mean: t.reduce((a, b) => a + b, 0) / t.length, n };
}

export function table(rows: Record<string, string | number>[]): string {
  const cols = Object.keys(rows[0] ?? {});
  const w = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (vals: string[]) => '| ' + vals.map((v, i) => v.padEnd(w[i]!)).join(' | ') + ' |';
  return [line(cols), '|' + w.map((x) => '-'.repeat(x + 2)).join('|') + '|', ...rows.map((r) => line(cols.map((c) => String(r[c]))))].join('\n');
}

export const ms = (x: number) => x.toFixed(3);
