import type { EventStore } from '@hirelearn/store';
import { analyticsSettings } from './settings';
import { applicationEvents, event, profileEvent, storeOf } from './testing/event-builder';
import { userPatterns } from './user-patterns';

const rewrite = (version: string, at: string, type: string, edits: string[]) =>
  event('RESUME_REWRITTEN', at, {
    user_id: 'e1',
    resume_version_id: version,
    rewrite_type: type,
    before_score: 60,
    after_score: 65,
    score_delta: 5,
    user_accepted: true,
    edit_types: edits,
  });

/**
 * Known answers: e1 applies twice with the original resume (no interview), three times with
 * rv-1 (bullets rewritten, metrics added: 2 interviews), twice with rv-2 (summary rewritten,
 * keywords added; it still carries the metrics: 2 interviews).
 */
function world(): object[] {
  const apps = (version: string, day: number, count: number, interviews: number) =>
    Array.from({ length: count }, (_, i) =>
      applicationEvents({
        user: 'e1',
        app: `${version}-${i}`,
        at: `2025-03-${String(day + i).padStart(2, '0')}T10:00:00Z`,
        resume: version,
        outcomes:
          i < interviews
            ? [['interview', `2025-04-${String(day + i).padStart(2, '0')}T10:00:00Z`, 20]]
            : [],
      }),
    ).flat();
  return [
    profileEvent('e1', '2025-02-01T00:00:00Z', {}),
    ...apps('rv-0', 1, 2, 0),
    rewrite('rv-1', '2025-03-05T08:00:00Z', 'bullet', ['added_metrics_to_bullets']),
    ...apps('rv-1', 6, 3, 2),
    rewrite('rv-2', '2025-03-10T08:00:00Z', 'summary', ['added_keywords']),
    ...apps('rv-2', 11, 2, 2),
  ];
}

describe('userPatterns: sections and edit patterns (known answers)', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = await storeOf(world());
  });
  afterAll(() => store?.close());

  it('rates the rewritten sections, the original resume as its own cell', async () => {
    const p = await userPatterns(store, 'e1', analyticsSettings({ k: 1, min_sample: 2 }));
    const cells = Object.fromEntries(
      p.best_performing_sections.cells.map((c) => [
        c.value,
        [c.interview_rate.successes, c.interview_rate.n],
      ]),
    );
    expect(cells).toEqual({ original: [0, 2], bullet: [2, 3], summary: [2, 2] });
    expect(p.best_performing_sections.best).toBe('summary');
  });

  it('lists each edit made, with the interview rate with and without it (edits accumulate)', async () => {
    const p = await userPatterns(store, 'e1', analyticsSettings({ k: 1 }));
    const rows = p.typical_edit_patterns.map((e) => [
      e.edit_type,
      e.times,
      e.interview_rate_with.successes,
      e.interview_rate_with.n,
      e.interview_rate_without.successes,
      e.interview_rate_without.n,
    ]);
    expect(rows).toEqual([
      ['added_keywords', 1, 2, 2, 2, 5],
      ['added_metrics_to_bullets', 1, 4, 5, 0, 2],
    ]);
  });
});
