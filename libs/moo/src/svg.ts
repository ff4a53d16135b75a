/**
 * An SVG scatter chart of a two-objective front, a pure string with no scripts, fonts or
 * links to fetch, so it embeds in offline HTML and Markdown reports. The knee is drawn as
 * a larger ringed point; an optional reference curve (e.g. a known true front) as a line.
 */
import { fmt } from './evaluation';
import type { Objective, Solution } from './problem';

export interface FrontChartOptions {
  readonly title: string;
  /** Which two objectives go on x and y; default [0, 1]. */
  readonly axes?: readonly [number, number];
  readonly knee?: Solution | null;
  /** Points of a reference curve in the chart's two objectives, drawn as a line. */
  readonly reference_curve?: readonly (readonly number[])[];
  readonly width?: number;
  readonly height?: number;
}

const PAD = 48;

export function frontSvg(
  front: readonly Solution[],
  objectives: readonly Objective[],
  options: FrontChartOptions,
): string {
  const [ix, iy] = options.axes ?? [0, 1];
  const width = options.width ?? 480;
  const height = options.height ?? 360;
  const pts = front.map((s) => [s.objectives[ix], s.objectives[iy]] as const);
  const curve = (options.reference_curve ?? []).map((p) => [p[0], p[1]] as const);
  const all = pts.concat(curve);
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  const [y0, y1] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  const sx = (v: number) => (PAD + ((v - x0) / (x1 - x0 || 1)) * (width - 2 * PAD)).toFixed(1);
  const sy = (v: number) =>
    (height - PAD - ((v - y0) / (y1 - y0 || 1)) * (height - 2 * PAD)).toFixed(1);
  const label = (k: number) =>
    escapeXml(objectives[k].name + (objectives[k].unit ? ` (${objectives[k].unit})` : ''));
  const body: string[] = [];
  if (curve.length > 1) {
    const d = curve.map(([x, y]) => `${sx(x)},${sy(y)}`).join(' ');
    body.push(
      `<polyline points="${d}" fill="none" stroke="#999" stroke-width="1" stroke-dasharray="4 3"/>`,
    );
  }
  for (const [x, y] of pts) body.push(`<circle cx="${sx(x)}" cy="${sy(y)}" r="3" fill="#1f77b4"/>`);
  if (options.knee) {
    const [kx, ky] = [options.knee.objectives[ix], options.knee.objectives[iy]];
    body.push(
      `<circle cx="${sx(kx)}" cy="${sy(ky)}" r="7" fill="none" stroke="#d62728" stroke-width="2"><title>knee: ${escapeXml(`${objectives[ix].name} ${fmt(kx)}, ${objectives[iy].name} ${fmt(ky)}`)}</title></circle>`,
    );
  }
  const bottom = height - PAD;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(options.title)}">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(options.title)}</text>`,
    `<line x1="${PAD}" y1="${bottom}" x2="${width - PAD}" y2="${bottom}" stroke="#333"/>`,
    `<line x1="${PAD}" y1="${PAD}" x2="${PAD}" y2="${bottom}" stroke="#333"/>`,
    `<text x="${PAD}" y="${bottom + 14}" font-size="10">${fmt(x0)}</text>`,
    `<text x="${width - PAD}" y="${bottom + 14}" font-size="10" text-anchor="end">${fmt(x1)}</text>`,
    `<text x="${PAD - 4}" y="${bottom}" font-size="10" text-anchor="end">${fmt(y0)}</text>`,
    `<text x="${PAD - 4}" y="${PAD + 8}" font-size="10" text-anchor="end">${fmt(y1)}</text>`,
    `<text x="${width / 2}" y="${height - 8}" font-size="11" text-anchor="middle">${label(ix)}</text>`,
    `<text x="14" y="${height / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 14 ${height / 2})">${label(iy)}</text>`,
    ...body,
    '</svg>',
  ].join('\n');
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
