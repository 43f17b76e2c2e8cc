// OpenClaw's calls to one model as bars (uPlot), one per call in order: the whole call, and over it
// the time to first byte (where a cold load shows). The line under the chart reads out the hovered
// call (else the newest); keyboard and screen-reader users get the same figures in the card's table.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ModelCall } from '../../../../shared/status';
import { formatDuration } from '../../i18n/format';
import { useColorScheme } from './color-scheme';

const WIDTH = 360;
const HEIGHT = 120;

const toData = (calls: readonly ModelCall[]): uPlot.AlignedData => [
  calls.map((_, i) => i + 1),
  calls.map((c) => c.ms),
  // A call the gateway timed without a first byte has no inner bar.
  calls.map((c) => c.ttfbMs ?? null),
];

export function CallChart({ calls, label }: { calls: readonly ModelCall[]; label: string }): React.JSX.Element {
  const { t, i18n } = useTranslation('dashboard');
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const scheme = useColorScheme();
  /** The call under the pointer (index into calls), null when the pointer is elsewhere. */
  const [hovered, setHovered] = useState<number | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const css = getComputedStyle(el);
    const accent = css.getPropertyValue('--accent').trim() || '#d9480f';
    const text = css.getPropertyValue('--text-2').trim() || '#5a6270';
    const grid = css.getPropertyValue('--border').trim() || '#ddd';
    const bars = uPlot.paths.bars!({ size: [0.7, 28], align: 0 });
    const u = new uPlot(
      {
        width: WIDTH,
        height: HEIGHT,
        padding: [8, 6, 8, 0],
        legend: { show: false },
        cursor: { points: { show: false }, drag: { x: false, y: false }, y: false },
        hooks: { setCursor: [(u) => setHovered(u.cursor.idx ?? null)] },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        scales: { x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(max, 1) * 1.1] } },
        axes: [
          { show: false },
          // The zero line needs no unit ("0 mili giây" would not fit the axis).
          { stroke: text, size: 64, grid: { stroke: grid, width: 1 }, ticks: { show: false }, values: (_u, vals) => vals.map((v) => (v === 0 ? '0' : formatDuration(v))) },
        ],
        series: [
          {},
          { fill: text, stroke: text, alpha: 0.35, paths: bars, points: { show: false } },
          { fill: accent, stroke: accent, paths: bars, points: { show: false } },
        ],
      },
      toData(calls),
      el,
    );
    chart.current = u;
    return () => {
      u.destroy();
      chart.current = null;
    };
    // New calls are pushed below; the chart is rebuilt for a new theme or language (labels, units).
  }, [scheme, i18n.language, t]);

  useEffect(() => {
    chart.current?.setData(toData(calls));
  }, [calls]);

  const shown = hovered !== null && calls[hovered] ? hovered : calls.length - 1;
  const call = calls[shown];
  return (
    <div className="db-call-chart-box">
      <div ref={host} className="db-call-chart" role="img" aria-label={label} data-testid="call-chart" />
      <div className="db-call-legend small" aria-hidden="true">
        <span className="db-call-key" data-series="total">
          {t('calls.total')}
        </span>
        <span className="db-call-key" data-series="first-byte">
          {t('calls.firstByte')}
        </span>
        {call && (
          <span className="db-call-readout" data-testid="call-readout">
            {t('calls.readout', {
              n: shown + 1,
              firstByte: call.ttfbMs !== undefined ? formatDuration(call.ttfbMs) : '—',
              total: formatDuration(call.ms),
            })}
          </span>
        )}
      </div>
    </div>
  );
}
