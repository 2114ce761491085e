// The daily cost chart: bars per day, stacked by model, as SVG built from d3-scale (band and linear
// scales, nice ticks) and d3-shape (the stack layout). No canvas and no inline styles (the CSP forbids
// them): colours come from VS Code's chart theme colours through classes in usage.css, so the chart
// follows light, dark and high-contrast themes.
import { scaleBand, scaleLinear } from 'd3-scale';
import { stack } from 'd3-shape';
import type { DailySeries } from '../../core/usage/summary';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 720;
const HEIGHT = 220;
const M = { top: 10, right: 12, bottom: 26, left: 56 };

function node<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = text;
  return n;
}

const money = (n: number): string => (n === 0 ? '$0' : n < 0.01 ? `$${n.toFixed(4)}` : n < 10 ? `$${n.toFixed(2)}` : `$${Math.round(n)}`);

export function dailyChart(daily: DailySeries): SVGSVGElement {
  const svg = node('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', class: 'chart', 'data-testid': 'usage-chart' });
  const rows = daily.days.map((_day, i) => {
    const row: Record<string, number> = {};
    daily.series.forEach((s, j) => { row[`s${j}`] = s.usd[i] ?? 0; });
    return row;
  });
  const keys = daily.series.map((_, j) => `s${j}`);
  const layers = stack<Record<string, number>>().keys(keys)(rows);
  const max = Math.max(0, ...layers.flatMap((l) => l.map((p) => p[1])));
  const x = scaleBand<number>().domain(daily.days.map((_, i) => i)).range([M.left, WIDTH - M.right]).paddingInner(0.2);
  const y = scaleLinear().domain([0, max || 1]).nice().range([HEIGHT - M.bottom, M.top]);
  const total = daily.series.reduce((s, series) => s + series.usd.reduce((a, b) => a + b, 0), 0);
  svg.append(node('title', {}, `Cost per day, by model, ${daily.days[0] ?? ''} to ${daily.days[daily.days.length - 1] ?? ''}: ${money(total)} in all`));

  const axis = node('g', { class: 'axis' });
  for (const t of y.ticks(4)) {
    axis.append(node('line', { x1: M.left, x2: WIDTH - M.right, y1: y(t), y2: y(t), class: 'grid' }));
    axis.append(node('text', { x: M.left - 6, y: y(t), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, money(t)));
  }
  // About six day labels whatever the range, so they never overlap.
  const every = Math.max(1, Math.ceil(daily.days.length / 6));
  daily.days.forEach((day, i) => {
    if (i % every !== 0) return;
    axis.append(node('text', { x: (x(i) ?? 0) + x.bandwidth() / 2, y: HEIGHT - 8, 'text-anchor': 'middle' }, day.slice(5)));
  });
  svg.append(axis);

  layers.forEach((layer, j) => {
    const g = node('g', { class: `series series-${Math.min(j, 7)}`, 'data-series': daily.series[j]?.name ?? '' });
    layer.forEach((p, i) => {
      const h = y(p[0]) - y(p[1]);
      if (h <= 0) return;
      const rect = node('rect', { x: x(i) ?? 0, y: y(p[1]), width: x.bandwidth(), height: h });
      rect.append(node('title', {}, `${daily.days[i]} · ${daily.series[j]?.name ?? ''}: ${money(p[1] - p[0])}`));
      g.append(rect);
    });
    svg.append(g);
  });
  return svg;
}
