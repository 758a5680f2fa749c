/**
 * A small grouped bar chart in SVG (no chart library, nothing remote): one group per segment, one
 * horizontal bar per formula, its amount written at its end. It draws the amounts it is given; it
 * computes none.
 */
const NS = 'http://www.w3.org/2000/svg';
export const palette = ['#1d4e89', '#e07a1f', '#2a9d6f', '#8e44ad', '#c0392b', '#5d6d7e', '#d4a017', '#16a2b8'];

export interface ChartSeries {
  label: string;
}

export interface ChartGroup {
  label: string;
  /** one per series, null when the source gives no amount */
  values: (number | null)[];
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Cuts a label to about `max` characters (the full text stays in the <title>). */
function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export function barChart(title: string, series: readonly ChartSeries[], groups: readonly ChartGroup[], format: (v: number) => string): SVGSVGElement {
  const labelW = 210;
  const plotW = 440;
  const valueW = 90;
  const barH = 16;
  const gap = 3;
  const groupGap = 16;
  const legendH = 30;
  const width = labelW + plotW + valueW;
  const groupH = series.length * (barH + gap) - gap;
  const height = legendH + groups.length * (groupH + groupGap);
  const max = Math.max(1, ...groups.flatMap((g) => g.values.filter((v): v is number => v !== null)));
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'bar-chart', 'aria-label': title });
  root.append(svg('title', {}, title));
  let lx = labelW;
  series.forEach((s, i) => {
    root.append(svg('rect', { x: lx, y: 6, width: 12, height: 12, fill: palette[i % palette.length]!, rx: 2 }));
    root.append(svg('text', { x: lx + 16, y: 16, class: 'legend' }, cut(s.label, 28)));
    lx += 28 + Math.min(28, s.label.length) * 7;
  });
  groups.forEach((g, gi) => {
    const gy = legendH + gi * (groupH + groupGap);
    const label = svg('text', { x: labelW - 10, y: gy + groupH / 2 + 4, class: 'group-label', 'text-anchor': 'end' }, cut(g.label, 30));
    label.append(svg('title', {}, g.label));
    root.append(label);
    root.append(svg('line', { x1: labelW, x2: labelW, y1: gy - 4, y2: gy + groupH + 4, class: 'axis' }));
    g.values.forEach((v, si) => {
      const y = gy + si * (barH + gap);
      if (v === null) {
        root.append(svg('text', { x: labelW + 6, y: y + barH - 4, class: 'bar-missing' }, 'non précisé'));
        return;
      }
      const w = Math.max(1, Math.round((v / max) * plotW));
      const rect = svg('rect', { x: labelW, y, width: w, height: barH, fill: palette[si % palette.length]!, rx: 2 });
      rect.append(svg('title', {}, `${g.label} — ${series[si]?.label ?? ''} : ${format(v)}`));
      root.append(rect);
      root.append(svg('text', { x: labelW + w + 6, y: y + barH - 4, class: 'bar-value' }, format(v)));
    });
  });
  return root;
}
