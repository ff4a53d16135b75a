import type { MonitorSettings } from './settings';
import { DEFAULT_MONITOR_SETTINGS } from './settings';
import { axes, escapeHtml, type Frame, polyline, sx, sy } from './svg';
import type { ModelHealth } from './types';

const W = 460;
const H = 300;
const PAD = 44;

/**
 * A self-contained HTML report of one model version's health: ECE per window against its
 * threshold, the reliability diagram of the latest scored window, drift per feature (PSI)
 * and the error stream with the detected changes. Inline SVG only: it opens offline.
 */
export function renderHealthReport(
  health: readonly ModelHealth[],
  settings: MonitorSettings = DEFAULT_MONITOR_SETTINGS,
): string {
  const sorted = [...health].sort((a, b) => a.window_start.localeCompare(b.window_start));
  const first = sorted[0];
  const title = first ? `${first.model} v${first.version} (${first.stage})` : 'no health reports';
  const scored = sorted.filter((h) => h.status === 'ok');
  const latest = scored[scored.length - 1];
  // The newest window with enough outcomes: PSI on a handful of rows is noise.
  const driftWindow =
    [...scored].reverse().find((h) => h.drift.length > 0) ??
    [...sorted].reverse().find((h) => h.drift.length > 0);
  const sections = first
    ? [
        scored.length > 0 ? eceChart(scored, settings) : '',
        latest ? reliabilityChart(latest) : '',
        driftWindow ? driftChart(driftWindow) : '',
        errorChart(sorted),
      ]
    : [];
  const rows = sorted
    .map(
      (h) =>
        `<tr class="${h.critical.length > 0 ? 'crit' : ''}"><td>${h.window_start.slice(0, 10)}</td><td>${h.window_end.slice(0, 10)}</td><td>${h.status}</td><td>${h.n_predictions}</td><td>${h.n_labelled}</td><td>${fmt(h.ece)}</td><td>${fmt(h.brier)}</td><td>${fmt(h.log_loss)}</td><td>${fmt(h.auc)}</td><td>${escapeHtml(h.drifted_features.join(', '))}</td><td>${escapeHtml(h.critical.join(', '))}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} — model health</title>
<style>
body{font-family:system-ui,sans-serif;margin:24px;color:#222}
.charts{display:flex;flex-wrap:wrap;gap:16px}
figure{margin:0;border:1px solid #ddd;padding:8px}
figcaption{font-size:12px;color:#555;max-width:${W}px}
table{border-collapse:collapse;font-size:12px;margin-top:16px}
td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}
tr.crit{background:#fde2e2}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>${sorted.length} windows, ${scored.length} with at least ${settings.min_labelled} outcomes; critical thresholds: ECE &gt; ${settings.ece_critical}, ${settings.drifted_features_critical}+ drifted features, concept drift (${settings.concept_drift_rule}).</p>
<div class="charts">
${sections.join('\n')}
</div>
<table><thead><tr><th>from</th><th>to</th><th>status</th><th>predictions</th><th>outcomes</th><th>ECE</th><th>Brier</th><th>log loss</th><th>AUC</th><th>drifted</th><th>critical</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}

function fmt(v: number | null): string {
  return v === null ? '' : v.toFixed(3);
}

function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

/** The chart frame over the time span of `xs` (epoch ms), from 0 up to `yMax`. */
function timeFrame(xs: readonly number[], yMax: number): Frame {
  return {
    width: W,
    height: H,
    pad: PAD,
    xMin: Math.min(...xs),
    xMax: Math.max(...xs),
    yMin: 0,
    yMax,
  };
}

function eceChart(scored: readonly ModelHealth[], settings: MonitorSettings): string {
  const xs = scored.map((h) => Date.parse(h.window_start));
  const ys = scored.map((h) => h.ece ?? 0);
  const f = timeFrame(xs, Math.max(settings.ece_critical * 1.5, ...ys));
  const limit = sy(f, settings.ece_critical);
  const body = `<line x1="${PAD}" x2="${W - PAD}" y1="${limit}" y2="${limit}" stroke="#c00" stroke-dasharray="4 3"/>
${polyline(
  xs.map((x, i) => [sx(f, x), sy(f, ys[i])]),
  '#1f5fbf',
)}
${xs.map((x, i) => `<circle cx="${sx(f, x)}" cy="${sy(f, ys[i])}" r="3" fill="${ys[i] > settings.ece_critical ? '#c00' : '#1f5fbf'}"/>`).join('')}`;
  return figure(
    axes(f, 'Expected calibration error per window', 'date', 'ECE', body),
    `Dashed line: the critical threshold ${settings.ece_critical}. Red points cross it.`,
  );
}

function reliabilityChart(h: ModelHealth): string {
  const f: Frame = { width: W, height: H, pad: PAD, xMin: 0, xMax: 1, yMin: 0, yMax: 1 };
  const maxCount = Math.max(1, ...h.reliability.map((b) => b.count));
  const dots = h.reliability
    .filter((b) => b.mean_predicted !== null && b.observed_rate !== null)
    .map(
      (b) =>
        `<circle cx="${sx(f, b.mean_predicted!)}" cy="${sy(f, b.observed_rate!)}" r="${(3 + 9 * Math.sqrt(b.count / maxCount)).toFixed(1)}" fill="#1f5fbf" fill-opacity="0.6"><title>${b.count} predictions: mean ${b.mean_predicted!.toFixed(3)}, observed ${b.observed_rate!.toFixed(3)}</title></circle>`,
    )
    .join('');
  const body = `<line x1="${sx(f, 0)}" y1="${sy(f, 0)}" x2="${sx(f, 1)}" y2="${sy(f, 1)}" stroke="#999" stroke-dasharray="4 3"/>${dots}`;
  return figure(
    axes(f, 'Reliability diagram', 'mean predicted probability', 'observed interview rate', body),
    `Window ${h.window_start.slice(0, 10)}..${h.window_end.slice(0, 10)} (${h.n_labelled} outcomes, ECE ${fmt(h.ece)}). On the diagonal = calibrated; dot area = predictions in the bin.`,
  );
}

function driftChart(h: ModelHealth): string {
  const ok = h.drift.filter((d) => d.psi !== null);
  const maxPsi = Math.max(0.3, ...ok.map((d) => d.psi!));
  const barH = 18;
  const height = Math.max(H, 40 + ok.length * (barH + 6));
  const left = 120;
  const usable = W - left - 20;
  const bars = ok
    .map((d, i) => {
      const y = 30 + i * (barH + 6);
      const w = (d.psi! / maxPsi) * usable;
      return `<text x="${left - 6}" y="${y + 13}" font-size="11" text-anchor="end">${escapeHtml(d.feature)}</text>
<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${d.drifted ? '#c00' : '#1f5fbf'}"><title>PSI ${d.psi!.toFixed(3)}, ${d.test} p=${d.p_value!.toExponential(2)}</title></rect>
<text x="${left + w + 4}" y="${y + 13}" font-size="10">${d.psi!.toFixed(3)}</text>`;
    })
    .join('\n');
  const x02 = left + (0.2 / maxPsi) * usable;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" role="img" aria-label="Drift per feature">
<text x="${W / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">Drift per feature (PSI)</text>
<line x1="${x02}" x2="${x02}" y1="26" y2="${height - 10}" stroke="#c00" stroke-dasharray="4 3"/>
${bars}
</svg>`;
  return figure(
    svg,
    `Window ${h.window_start.slice(0, 10)}..${h.window_end.slice(0, 10)} against the ${h.drift_reference === 'training' ? 'training distribution' : 'first window'}. Red: drifted (significant test and PSI at or above the minimum); dashed line PSI 0.2.`,
  );
}

function errorChart(sorted: readonly ModelHealth[]): string {
  const byDay = new Map<string, number>();
  for (const h of sorted) for (const p of h.error_by_day) byDay.set(p.day, p.mean_error);
  const days = [...byDay.keys()].sort();
  const ph = [...new Set(sorted.flatMap((h) => h.page_hinkley_detections))].sort();
  const ad = [...new Set(sorted.flatMap((h) => h.adwin_detections))].sort();
  if (days.length === 0) return '';
  const xs = days.map((d) => Date.parse(`${d}T12:00:00Z`));
  const ys = days.map((d) => byDay.get(d)!);
  const f = timeFrame(xs, Math.max(0.5, ...ys));
  const mark = (t: string, color: string) => {
    const x = sx(f, Date.parse(t));
    return `<line x1="${x}" x2="${x}" y1="${PAD}" y2="${H - PAD}" stroke="${color}" stroke-width="1.5"><title>${escapeHtml(t)}</title></line>`;
  };
  const body = `${polyline(
    xs.map((x, i) => [sx(f, x), sy(f, ys[i])]),
    '#444',
  )}
${ph.map((t) => mark(t, '#c00')).join('')}
${ad.map((t) => mark(t, '#e08a00')).join('')}`;
  return figure(
    axes(f, 'Error stream |y − p|, daily mean', 'date', 'mean absolute error', body),
    `Red: Page-Hinkley detections (${ph.length}); orange: ADWIN detections (${ad.length}).`,
  );
}
