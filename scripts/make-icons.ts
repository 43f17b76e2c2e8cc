// `npm run icons`: draws the tray and app icons into resources/ (committed, so building needs no
// drawing step). Shapes are coverage functions sampled on a grid inside each pixel (anti-aliasing by
// supersampling); each state has its own SHAPE as well as its colour, so the macOS template images
// (black + alpha, tinted by the menu bar) and colour-blind users can still tell states apart:
//   all-warm       solid disc              (green)
//   warming        ring filling from below (amber)
//   local-down     disc with an X cut out  (red)
//   config-problem triangle with a ! cut out (orange)
//   paused         disc with || cut out    (grey)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pngToIco from 'png-to-ico';
import { PNG } from 'pngjs';
import { traySummaryStates, type TraySummaryState } from '../src/shared/contract';

const out = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'resources');

/** Ink coverage test in unit coordinates: (0,0) top-left, (1,1) bottom-right. */
type Shape = (x: number, y: number) => boolean;
type Rgb = readonly [number, number, number];

const disc = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const union = (...s: Shape[]): Shape => (x, y) => s.some((f) => f(x, y));
const minus = (a: Shape, ...b: Shape[]): Shape => (x, y) => a(x, y) && !b.some((f) => f(x, y));
const intersect = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && b(x, y);
/** A bar of half-width w along the segment (x0,y0)–(x1,y1), round ends. */
const bar = (x0: number, y0: number, x1: number, y1: number, w: number): Shape => (x, y) => {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
  return (x - x0 - t * dx) ** 2 + (y - y0 - t * dy) ** 2 <= w * w;
};
/** Triangle with rounded corners: the points within r of a smaller triangle. */
const roundedTriangle = (pts: readonly [number, number][], r: number): Shape => {
  const cx = pts.reduce((s, p) => s + p[0], 0) / 3;
  const cy = pts.reduce((s, p) => s + p[1], 0) / 3;
  const inner = pts.map(([px, py]) => {
    // Pull each corner towards the centroid so the rounded outline keeps the original size.
    const d = Math.hypot(px - cx, py - cy);
    const k = (d - 2 * r) / d;
    return [cx + (px - cx) * k, cy + (py - cy) * k] as [number, number];
  });
  const inTri = (x: number, y: number) => {
    const s = (a: [number, number], b: [number, number]) => (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
    const d1 = s(inner[0]!, inner[1]!);
    const d2 = s(inner[1]!, inner[2]!);
    const d3 = s(inner[2]!, inner[0]!);
    return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
  };
  const edges = [bar(...inner[0]!, ...inner[1]!, r), bar(...inner[1]!, ...inner[2]!, r), bar(...inner[2]!, ...inner[0]!, r)];
  return (x, y) => inTri(x, y) || edges.some((e) => e(x, y));
};

// Proportions chosen so every stroke and gap is at least 2 px at 16×16.
const R = 0.46;
const C = 0.5;
const STROKE = 0.14;

export const SHAPES: Record<TraySummaryState, Shape> = {
  'all-warm': disc(C, C, R),
  // A ring: servers fine, nothing held warm (all-warm's colour, without its fill).
  watching: minus(disc(C, C, R), disc(C, C, R - STROKE)),
  warming: union(minus(disc(C, C, R), disc(C, C, R - STROKE)), intersect(disc(C, C, R), rect(0, 0.54, 1, 1))),
  'local-down': minus(disc(C, C, R), bar(0.33, 0.33, 0.67, 0.67, 0.075), bar(0.67, 0.33, 0.33, 0.67, 0.075)),
  'config-problem': minus(
    roundedTriangle(
      [
        [0.5, 0.03],
        [0.98, 0.94],
        [0.02, 0.94],
      ],
      0.06,
    ),
    bar(0.5, 0.36, 0.5, 0.6, 0.07),
    disc(0.5, 0.78, 0.075),
  ),
  paused: minus(disc(C, C, R), rect(0.31, 0.29, 0.44, 0.71), rect(0.56, 0.29, 0.69, 0.71)),
};

export const COLOURS: Record<TraySummaryState, Rgb> = {
  'all-warm': [0x2f, 0xb3, 0x44],
  watching: [0x2f, 0xb3, 0x44],
  warming: [0xf2, 0xa5, 0x16],
  'local-down': [0xe5, 0x48, 0x4d],
  'config-problem': [0xf7, 0x6b, 0x15],
  paused: [0x8b, 0x8d, 0x98],
};

/** Renders `paint(x, y) → [r,g,b,a] | null` with n×n samples per pixel (premultiplied average). */
function render(size: number, n: number, paint: (x: number, y: number) => readonly [number, number, number, number] | null): PNG {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) {
          const c = paint((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!c) continue;
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      const i = (py * size + px) * 4;
      png.data[i] = a ? Math.round(r / a) : 0;
      png.data[i + 1] = a ? Math.round(g / a) : 0;
      png.data[i + 2] = a ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((a / (n * n)) * 255);
    }
  return png;
}

const trayPng = (state: TraySummaryState, size: number, template: boolean): Buffer => {
  const [r, g, b] = template ? ([0, 0, 0] as const) : COLOURS[state];
  return PNG.sync.write(render(size, 8, (x, y) => (SHAPES[state](x, y) ? [r, g, b, 1] : null)));
};

/** A teardrop flame: a circle plus the cone from its apex tangent to the circle. */
function flame(cx: number, cy: number, r: number, apexY: number): Shape {
  const d = cy - apexY;
  const sinA = r / d;
  const cosA = Math.sqrt(1 - sinA * sinA);
  const depth = (d * d - r * r) / d; // where the tangent points are, along the axis
  return (x, y) => {
    if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) return true;
    const ay = y - apexY;
    if (ay <= 0 || ay > depth) return false;
    return Math.abs(x - cx) <= (ay * sinA) / cosA;
  };
}

/** The app icon: a warm flame on a dark rounded square. */
function appIcon(size: number): Buffer {
  const corner = 0.22;
  const pad = 0.04;
  const inSquare = (x: number, y: number) => {
    const qx = Math.max(Math.abs(x - 0.5) - (0.5 - pad - corner), 0);
    const qy = Math.max(Math.abs(y - 0.5) - (0.5 - pad - corner), 0);
    return qx * qx + qy * qy <= corner * corner;
  };
  const outer = flame(0.5, 0.6, 0.22, 0.14);
  const inner = flame(0.5, 0.68, 0.12, 0.36);
  const mix = (a: Rgb, b: Rgb, t: number): [number, number, number] => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
  return PNG.sync.write(
    render(size, 4, (x, y) => {
      if (!inSquare(x, y)) return null;
      if (inner(x, y)) return [...mix([0xff, 0xe0, 0x8a], [0xff, 0xc2, 0x3d], (y - 0.36) / 0.44), 1];
      if (outer(x, y)) return [...mix([0xff, 0x9f, 0x1c], [0xe8, 0x4a, 0x1e], (y - 0.14) / 0.68), 1];
      return [...mix([0x23, 0x28, 0x33], [0x12, 0x15, 0x1b], y), 1];
    }),
  );
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  const put = (name: string, data: Buffer) => {
    writeFileSync(join(out, name), data);
    written.push(name);
  };
  for (const state of traySummaryStates) {
    const png16 = trayPng(state, 16, false);
    const png32 = trayPng(state, 32, false);
    put(`tray-${state}.png`, png16);
    put(`tray-${state}@2x.png`, png32);
    put(`trayTemplate-${state}.png`, trayPng(state, 16, true));
    put(`trayTemplate-${state}@2x.png`, trayPng(state, 32, true));
    put(`tray-${state}.ico`, await pngToIco([png16, png32]));
  }
  put('icon.png', appIcon(512));
  console.log(`Wrote ${written.length} icons to ${out}`);
}

await main();
