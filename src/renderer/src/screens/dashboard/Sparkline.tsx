// A tiny latency line (uPlot): no axes, legend or cursor; colours from the theme's CSS variables.
// The chart is created and destroyed in an effect; new samples only call setData.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatNumber } from '../../i18n/format';
import { useColorScheme } from './color-scheme';

const WIDTH = 120;
const HEIGHT = 32;

const toData = (values: number[]): uPlot.AlignedData => [values.map((_, i) => i), values];

export function Sparkline({ values }: { values: number[] }): React.JSX.Element {
  const { t } = useTranslation('dashboard');
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const scheme = useColorScheme();
  const enough = values.length >= 2;

  useEffect(() => {
    const el = host.current;
    if (!el || !enough) return;
    const css = getComputedStyle(el);
    const accent = css.getPropertyValue('--accent').trim() || '#d9480f';
    const soft = css.getPropertyValue('--accent-soft').trim() || 'transparent';
    const u = new uPlot(
      {
        width: WIDTH,
        height: HEIGHT,
        padding: [3, 2, 3, 2],
        legend: { show: false },
        cursor: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        axes: [{ show: false }, { show: false }],
        scales: { x: { time: false }, y: { range: (_u, min, max) => [Math.min(0, min), Math.max(max, 1) * 1.1] } },
        series: [{}, { stroke: accent, width: 1.5, fill: soft, points: { show: false } }],
      },
      toData(values),
      el,
    );
    chart.current = u;
    return () => {
      u.destroy();
      chart.current = null;
    };
    // Values are pushed below; the chart is rebuilt only for a new theme or when it first has data.
  }, [scheme, enough]);

  useEffect(() => {
    if (enough) chart.current?.setData(toData(values));
  }, [values, enough]);

  if (!values.length) {
    return (
      <span className="db-spark db-spark-empty muted small" role="img" aria-label={t('latency.none')}>
        {t('latency.noneShort')}
      </span>
    );
  }
  const last = values[values.length - 1]!;
  const label = t('latency.aria', {
    count: values.length,
    min: formatNumber(Math.round(Math.min(...values))),
    max: formatNumber(Math.round(Math.max(...values))),
    now: formatNumber(Math.round(last)),
  });
  return <div ref={host} className="db-spark" role="img" aria-label={label} style={{ width: WIDTH, height: HEIGHT }} />;
}
