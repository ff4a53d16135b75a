import { HOSTILE_STRINGS } from '@hirelearn/contract';
import { auditArtifacts } from '@hirelearn/safeguards';
import { renderWeekly } from './render';
import type { Insight, WeeklyInsights } from './types';
import { parseIsoWeek } from './week';

/** Names that reach the report from the data (roles, industries, edit types), hostile ones. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '</title><svg onload=alert(1)>',
  ...HOSTILE_STRINGS,
];

const week = parseIsoWeek('2025-W40');
if (week.status !== 'ok') throw new Error(week.reason);

function insight(name: string, i: number): Insight {
  return {
    insight_id: `wi-${String(i).padStart(16, 'a')}`,
    section: 'market_context',
    type: 'market_shift',
    title: `${name} postings up this week`,
    detail: `postings for ${name}`,
    evidence: {
      effect: 0.2,
      interval: [0.05, 0.4],
      sample_size: 1_234_567,
      method: `rate ratio of ${name}`,
      unit: 'relative_change',
    },
    confidence: 'MEDIUM',
    action: null,
    source: `postings/role`,
  };
}

const report: WeeklyInsights = {
  user_id: 'user-00042',
  week: week.week,
  status: 'ok',
  headline: `2025-W40: ${HOSTILE[0]}`,
  generated_at: '2025-10-06T06:00:00.000Z',
  segment: { dimension: 'seniority', value: HOSTILE[1] },
  activity: {
    applications: 3,
    interviews: 1,
    offers: 0,
    rejections: 1,
    resume_edits: 0,
    history: [{ week: '2025-W40', applications: 3, interviews: 1 }],
  },
  sections: [
    {
      name: 'market_context',
      title: 'The market',
      insights: HOSTILE.map(insight),
      notes: [HOSTILE[2]],
    },
  ],
  attribution_run_id: null,
  reasons: [],
};

describe('rendering a weekly report', () => {
  it('escapes every name from the data in the HTML: no markup of theirs gets in', () => {
    const html = renderWeekly(report, 'html', 0.05);
    expect(html).not.toMatch(/<script|<img|<svg onload/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The only markup is ours: one svg (the activity chart), no script, no link.
    expect(html.match(/<svg/g)).toHaveLength(1);
    expect(html).not.toMatch(/<[a-z][^>]*\s(?:href|src|on\w+)=|https?:/);
  });

  it('names no user in HTML or Markdown; the JSON only as user_id; large counts are not phone numbers', () => {
    for (const f of ['html', 'md'] as const) {
      const text = renderWeekly(report, f, 0.05);
      expect(text).not.toContain('user-00042');
      expect(text).toContain('1,234,567');
      expect(auditArtifacts([{ name: f, text }]).findings).toEqual([]);
    }
    const json = renderWeekly(report, 'json', 0.05);
    expect(json.match(/user-00042/g)).toHaveLength(1);
    expect(auditArtifacts([{ name: 'r.json', text: json }]).status).toBe('pass');
    expect(JSON.parse(json)).toEqual(report);
  });
});
