/**
 * The weekly report as Markdown. Written for the user to read, so it never prints their id
 * (the file's place says whose it is) and names no other user.
 */
import { evidenceText } from './render-text';
import type { WeeklyInsights } from './types';

export function weeklyMarkdown(r: WeeklyInsights, alpha: number): string {
  const out: string[] = [`# Your week ${r.week.label}`, '', `**${r.headline}**`, ''];
  out.push(`${r.week.start.slice(0, 10)} to ${r.week.end.slice(0, 10)} (end exclusive, UTC).`, '');
  for (const reason of r.reasons) out.push(`> ${reason}`, '');
  if (r.activity && r.status === 'ok') {
    const a = r.activity;
    out.push(
      '| applications | interviews | offers | rejections | resume edits |',
      '|---|---|---|---|---|',
      `| ${a.applications} | ${a.interviews} | ${a.offers} | ${a.rejections} | ${a.resume_edits} |`,
      '',
    );
  }
  for (const s of r.sections) {
    out.push(`## ${s.title}`, '');
    for (const i of s.insights) {
      out.push(`- **${i.title}** — ${i.detail}`, `  - _${evidenceText(i, alpha)}_`);
    }
    for (const n of s.notes) out.push(`- _${n}_`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
