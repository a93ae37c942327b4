import { useEffect, useRef, useState } from 'preact/hooks';
import type { EChartsCoreOption } from 'echarts/core';
import { tb } from '../i18n';

type Lib = typeof import('./echarts-lib');
let lib: Promise<Lib> | undefined;
/** ECharts, fetched on first use (a chunk of its own). */
const load = () => (lib ??= import('./echarts-lib'));

/** One chart: the option as ECharts takes it; redrawn when it changes, resized with the window. */
export function Chart({ option, height = 260, name }: { option: EChartsCoreOption; height?: number; name: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<{ setOption(o: EChartsCoreOption, notMerge?: boolean): void; resize(): void; dispose(): void } | undefined>(undefined);
  const [failed, setFailed] = useState('');
  useEffect(() => {
    let live = true;
    const resize = () => chart.current?.resize();
    load().then(
      ({ echarts }) => {
        if (!live || !el.current) return;
        chart.current = echarts.init(el.current, undefined, { renderer: 'canvas' });
        chart.current.setOption({ animation: false, ...option }, true);
        el.current.dataset.ready = 'true';
        window.addEventListener('resize', resize);
      },
      (err: unknown) => live && setFailed(String(err)),
    );
    return () => {
      live = false;
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ animation: false, ...option }, true);
  }, [option]);
  if (failed) return <p class="form-error">{tb('report.chartFailed', { error: failed })}</p>;
  return <div class="bo-chart" role="img" aria-label={name} data-chart={name} ref={el} style={{ height: `${height}px` }} />;
}
