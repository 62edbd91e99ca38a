import { useCallback } from 'react';
import { useDiagram } from '../../bpmn/use-diagram';
import { ErrorAlert } from '../../ui/feedback';

const INCREMENTS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000];

export interface TrendSeries {
  label: string;
  values: number[];
  /** Colour and dash: the series differ by more than colour. */
  stroke: string;
  dash?: number[];
}

/**
 * Lines drawn by uPlot (≈50 KB, loaded on first use). A canvas says nothing to a screen reader:
 * the chart is an image with a summary, and the numbers are in the table beside it.
 */
export function TrendChart({
  labels,
  series,
  summary,
}: {
  /** One short label per period, under the axis. */
  labels: string[];
  series: TrendSeries[];
  summary: string;
}) {
  const draw = useCallback(
    async (container: HTMLElement) => {
      const [{ default: UPlot }] = await Promise.all([
        import('uplot'),
        import('uplot/dist/uPlot.min.css'),
      ]);
      const chart = new UPlot(
        {
          width: Math.max(container.clientWidth, 280),
          height: 280,
          scales: { x: { time: false } },
          legend: { live: false },
          // Whole periods and whole cases: no tick between two.
          axes: [
            {
              space: 56,
              incrs: INCREMENTS,
              values: (_, ticks) => ticks.map((tick) => labels[tick] ?? ''),
            },
            {
              incrs: INCREMENTS,
              values: (_, ticks) => ticks.map((tick) => tick.toLocaleString('it-IT')),
            },
          ],
          series: [
            { label: 'Periodo', value: (_, index) => labels[index] ?? '' },
            ...series.map((s) => ({
              label: s.label,
              stroke: s.stroke,
              dash: s.dash,
              width: 2,
              points: { show: true, size: 6 },
            })),
          ],
        },
        [labels.map((_, index) => index), ...series.map((s) => s.values)],
        container,
      );
      const resize = () =>
        chart.setSize({ width: Math.max(container.clientWidth, 280), height: 280 });
      window.addEventListener('resize', resize);
      return () => {
        window.removeEventListener('resize', resize);
        chart.destroy();
      };
    },
    [labels, series],
  );
  const { container, error } = useDiagram(draw);
  return (
    <>
      <ErrorAlert error={error && error.replace('Diagramma', 'Grafico')} />
      <div ref={container} role="img" aria-label={summary} className="trend-chart" />
    </>
  );
}
