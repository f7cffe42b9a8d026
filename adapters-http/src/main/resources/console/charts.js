import { h, svg } from './dom.js';

const WIDTH = 160;
const HEIGHT = 40;

/** A small line chart of the values (oldest first) with the latest value as text beside it. */
export function sparkline(title, values, format) {
  const latest = values.length ? values[values.length - 1] : null;
  const top = Math.max(...values, 1e-9);
  const step = values.length > 1 ? WIDTH / (values.length - 1) : WIDTH;
  const points = values.map((value, index) => `${(index * step).toFixed(1)},${(HEIGHT - 2 - (value / top) * (HEIGHT - 4)).toFixed(1)}`).join(' ');
  const label = `${title}: ${latest === null ? 'no data yet' : format(latest)}`;
  return h('figure', { class: 'chart' },
    h('figcaption', {}, h('span', { text: title }), h('strong', { text: latest === null ? '—' : format(latest) })),
    svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: String(WIDTH), height: String(HEIGHT), role: 'img', 'aria-label': label, preserveAspectRatio: 'none' },
      svg('polyline', { points: points || `0,${HEIGHT - 2} ${WIDTH},${HEIGHT - 2}`, fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'vector-effect': 'non-scaling-stroke' })));
}
