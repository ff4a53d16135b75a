/** Tiny inline-SVG chart helpers for the offline HTML report (no scripts, no fonts to fetch). */

export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly pad: number;
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function sx(f: Frame, x: number): number {
  const span = f.xMax - f.xMin || 1;
  return f.pad + ((x - f.xMin) / span) * (f.width - 2 * f.pad);
}

export function sy(f: Frame, y: number): number {
  const span = f.yMax - f.yMin || 1;
  return f.height - f.pad - ((y - f.yMin) / span) * (f.height - 2 * f.pad);
}

/** The frame with axes, tick labels at the ends, and a title. */
export function axes(
  f: Frame,
  title: string,
  xLabel: string,
  yLabel: string,
  body: string,
): string {
  const x0 = f.pad;
  const y0 = f.height - f.pad;
  const num = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${f.width}" height="${f.height}" role="img" aria-label="${escapeHtml(title)}">
<text x="${f.width / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${escapeHtml(title)}</text>
<line x1="${x0}" y1="${y0}" x2="${f.width - f.pad}" y2="${y0}" stroke="#333"/>
<line x1="${x0}" y1="${f.pad}" x2="${x0}" y2="${y0}" stroke="#333"/>
<text x="${x0}" y="${y0 + 14}" font-size="10">${escapeHtml(xLabelAt(f.xMin, xLabel))}</text>
<text x="${f.width - f.pad}" y="${y0 + 14}" font-size="10" text-anchor="end">${escapeHtml(xLabelAt(f.xMax, xLabel))}</text>
<text x="${f.width / 2}" y="${f.height - 4}" font-size="11" text-anchor="middle">${escapeHtml(xLabel)}</text>
<text x="${x0 - 4}" y="${y0}" font-size="10" text-anchor="end">${num(f.yMin)}</text>
<text x="${x0 - 4}" y="${f.pad + 8}" font-size="10" text-anchor="end">${num(f.yMax)}</text>
<text x="12" y="${f.height / 2}" font-size="11" transform="rotate(-90 12 ${f.height / 2})" text-anchor="middle">${escapeHtml(yLabel)}</text>
${body}
</svg>`;

  function xLabelAt(v: number, label: string): string {
    return label === 'date' ? new Date(v).toISOString().slice(0, 10) : num(v);
  }
}

export function polyline(points: readonly (readonly [number, number])[], color: string): string {
  if (points.length === 0) return '';
  const d = points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  return `<polyline points="${d}" fill="none" stroke="${color}" stroke-width="1.5"/>`;
}
