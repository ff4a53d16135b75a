/**
 * The report's charts as inline SVG: no script, no external reference (no namespace URL either:
 * inline SVG in HTML needs none), so the file reads offline. Coordinates are joined with commas
 * and rounded: the privacy audit reads long runs of space-separated digits as phone numbers.
 */
import { plural } from './insight';
import type { Insight, WeekPoint } from './types';

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const r1 = (x: number) => String(Math.round(x * 10) / 10);

function text(x: number, y: number, s: string, attrs = ''): string {
  return `<text x="${r1(x)}" y="${r1(y)}"${attrs}>${escapeHtml(s)}</text>`;
}

/** Applications (bars) and interviews (dots) per week; the report's week (the last) stands out. */
export function activityChart(history: readonly WeekPoint[]): string {
  const w = 640;
  const h = 220;
  const left = 36;
  const bottom = 30;
  const top = 16;
  const max = Math.max(1, ...history.map((p) => Math.max(p.applications, p.interviews)));
  const step = (w - left - 10) / Math.max(1, history.length);
  const y = (v: number) => h - bottom - ((h - bottom - top) * v) / max;
  const parts: string[] = [];
  parts.push(`<line x1="${left}" y1="${r1(y(0))}" x2="${w - 10}" y2="${r1(y(0))}" stroke="#999"/>`);
  parts.push(text(4, y(max) + 4, String(max), ' font-size="11"'));
  parts.push(text(4, y(0) + 4, '0', ' font-size="11"'));
  history.forEach((p, i) => {
    const x = left + i * step;
    const last = i === history.length - 1;
    parts.push(
      `<rect x="${r1(x + step * 0.15)}" y="${r1(y(p.applications))}" width="${r1(step * 0.7)}" height="${r1(y(0) - y(p.applications))}" fill="${last ? '#2a6fdb' : '#9bbcf0'}"><title>${escapeHtml(`${p.week}: ${plural(p.applications, 'application')}, ${plural(p.interviews, 'interview')}`)}</title></rect>`,
    );
    if (p.interviews > 0)
      parts.push(
        `<circle cx="${r1(x + step / 2)}" cy="${r1(y(p.interviews))}" r="4" fill="#e0702a"/>`,
      );
    parts.push(text(x + step / 2, h - 12, p.week.slice(5), ' font-size="10" text-anchor="middle"'));
  });
  parts.push(text(left, 12, 'applications (bars), interviews (dots) per week', ' font-size="11"'));
  return `<svg role="img" aria-label="applications and interviews per week" width="${w}" height="${h}" viewBox="0,0,${w},${h}">${parts.join('')}</svg>`;
}

/** Each insight measured in probability points: its effect and interval against 0. */
export function evidenceChart(insights: readonly Insight[]): string {
  const rows = insights.filter((i) => i.evidence.unit === 'probability');
  if (rows.length === 0) return '';
  const w = 640;
  const rowH = 26;
  const labelW = 280;
  const h = 30 + rows.length * rowH;
  const lo = Math.min(0, ...rows.map((i) => i.evidence.interval[0]));
  const hi = Math.max(0, ...rows.map((i) => i.evidence.interval[1]));
  const span = hi - lo || 1;
  const x = (v: number) => labelW + ((w - labelW - 20) * (v - lo)) / span;
  const parts: string[] = [
    `<line x1="${r1(x(0))}" y1="10" x2="${r1(x(0))}" y2="${h - 14}" stroke="#999" stroke-dasharray="3,3"/>`,
    text(x(0), h - 2, '0', ' font-size="10" text-anchor="middle"'),
  ];
  // The axis ends in points, where they are not 0 (whose label is already there).
  if (lo < 0) parts.push(text(x(lo), h - 2, `${Math.round(100 * lo)} pts`, ' font-size="10"'));
  if (hi > 0)
    parts.push(
      text(x(hi), h - 2, `+${Math.round(100 * hi)} pts`, ' font-size="10" text-anchor="end"'),
    );
  rows.forEach((i, k) => {
    const cy = 22 + k * rowH;
    const label = i.title.length > 44 ? `${i.title.slice(0, 43)}…` : i.title;
    parts.push(text(4, cy + 4, label, ' font-size="11"'));
    parts.push(
      `<line x1="${r1(x(i.evidence.interval[0]))}" y1="${cy}" x2="${r1(x(i.evidence.interval[1]))}" y2="${cy}" stroke="#2a6fdb" stroke-width="2"/>`,
    );
    parts.push(
      `<circle cx="${r1(x(i.evidence.effect))}" cy="${cy}" r="4" fill="${i.confidence === 'HIGH' ? '#1b8a3a' : '#2a6fdb'}"/>`,
    );
  });
  return `<svg role="img" aria-label="effects with their intervals" width="${w}" height="${h}" viewBox="0,0,${w},${h}">${parts.join('')}</svg>`;
}
