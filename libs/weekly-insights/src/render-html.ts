/**
 * The weekly report as one offline HTML file: inline CSS and SVG charts, no script, no link
 * to anything outside the file. Like the Markdown, it never prints the user's id.
 */
import { evidenceText } from './render-text';
import { activityChart, escapeHtml, evidenceChart } from './svg';
import type { WeeklyInsights } from './types';

const STYLE = `body{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ddd}
.headline{font-size:1.1em;font-weight:600}.evidence{color:#555;font-size:.9em}
.note{color:#777;font-style:italic}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em}
.HIGH{color:#1b8a3a}.MEDIUM{color:#2a6fdb}.LOW{color:#888}`;

export function weeklyHtml(r: WeeklyInsights, alpha: number): string {
  const e = escapeHtml;
  const body: string[] = [
    `<h1>Your week ${e(r.week.label)}</h1>`,
    `<p class="headline">${e(r.headline)}</p>`,
    `<p>${e(r.week.start.slice(0, 10))} to ${e(r.week.end.slice(0, 10))} (end exclusive, UTC)</p>`,
    ...r.reasons.map((x) => `<p class="note">${e(x)}</p>`),
  ];
  if (r.activity && r.status === 'ok') {
    const a = r.activity;
    body.push(
      '<table><tr><th>applications</th><th>interviews</th><th>offers</th><th>rejections</th><th>resume edits</th></tr>',
      `<tr><td>${a.applications}</td><td>${a.interviews}</td><td>${a.offers}</td><td>${a.rejections}</td><td>${a.resume_edits}</td></tr></table>`,
      `<figure>${activityChart(a.history)}</figure>`,
    );
  }
  for (const s of r.sections) {
    body.push(`<h2>${e(s.title)}</h2>`);
    if (s.name === 'recommended_actions' || s.name === 'what_worked') {
      const chart = evidenceChart(s.insights);
      if (chart) body.push(`<figure>${chart}</figure>`);
    }
    body.push('<ul>');
    for (const i of s.insights) {
      body.push(
        `<li><strong>${e(i.title)}</strong> <span class="${i.confidence}">${i.confidence}</span><br>${e(i.detail)}<br><span class="evidence">${e(evidenceText(i, alpha))}</span></li>`,
      );
    }
    for (const n of s.notes) body.push(`<li class="note">${e(n)}</li>`);
    body.push('</ul>');
  }
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Your week ${e(r.week.label)}</title>
<style>${STYLE}</style></head>
<body>
${body.join('\n')}
</body></html>
`;
}
