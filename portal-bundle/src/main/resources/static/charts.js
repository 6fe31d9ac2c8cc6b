// Time-series charts with uPlot (the WebJar under vendor/). Colours follow light or dark mode.
import { h } from './dom.js';

const dark = () => window.matchMedia('(prefers-color-scheme: dark)').matches;
export const COLORS = ['#2a7de1', '#e8871e', '#22a06b', '#c9372c', '#8f5bd6', '#5b6b7f'];

/**
 * A line chart in a new element: series [{label, values, color?, fmt?}], xs in epoch seconds.
 * Returns {el, set(xs, seriesValues)} to update it in place.
 */
export function lineChart(title, xs, series, opts = {}) {
  const el = h('div', { class: 'chart', role: 'img', 'aria-label': title });
  const axisColor = dark() ? '#9aa4b2' : '#5d6778';
  const grid = { stroke: dark() ? '#2d3440' : '#e6e9ee', width: 1 };
  const fmt = opts.fmt || ((v) => (v === null || v === undefined ? '—' : String(Math.round(v * 100) / 100)));
  const conf = {
    title,
    width: 400,
    height: opts.height || 200,
    series: [{}].concat(series.map((s, i) => ({
      label: s.label, stroke: s.color || COLORS[i % COLORS.length], width: 1.5,
      fill: s.fill ? (s.color || COLORS[i % COLORS.length]) + '22' : undefined,
      value: (u, v) => fmt(v), spanGaps: true,
    }))),
    axes: [
      { stroke: axisColor, grid, ticks: grid },
      { stroke: axisColor, grid, ticks: grid, size: 60, values: (u, vals) => vals.map(fmt) },
    ],
    scales: { x: { time: true }, y: opts.yRange ? { range: opts.yRange } : {} },
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
  };
  let plot = null;
  let data = [xs].concat(series.map((s) => s.values));
  const draw = () => {
    const w = Math.max(260, el.clientWidth || 400);
    if (!plot) {
      if (typeof uPlot !== 'function') { el.textContent = 'Charts need vendor/uPlot.iife.min.js.'; return; }
      plot = new uPlot(Object.assign(conf, { width: w }), data, el);
    } else if (Math.abs(plot.width - w) > 4) {
      plot.setSize({ width: w, height: conf.height });
    }
  };
  new ResizeObserver(() => draw()).observe(el);
  requestAnimationFrame(draw);
  return {
    el,
    set(newXs, values) {
      data = [newXs].concat(values);
      if (plot) plot.setData(data); else draw();
    },
  };
}
