import type { EventOf } from '@hirelearn/contract';
import { defaultSimSettings } from './settings';
import { simulateWorld, type SimWorld } from './simulate-world';
import { correlation } from './testing/log-view';

/** Submission time and reported fit of every submitted application, by id. */
function submissions(world: SimWorld): Map<string, { t: number; fit: number }> {
  const out = new Map<string, { t: number; fit: number }>();
  for (const e of world.events) {
    if (e.event_type !== 'APPLICATION_SUBMITTED') continue;
    const s = e as EventOf<'APPLICATION_SUBMITTED'>;
    out.set(s.application_id, { t: Date.parse(s.timestamp), fit: s.context.fit_score });
  }
  return out;
}

/** The planted concept drift: same features, another interview chance after the change. */
describe('simulated world: behaviour change', () => {
  const base = { users: 80, months: 4, seed: 12 } as const;
  const plain = simulateWorld(defaultSimSettings(base));
  const loosened = simulateWorld(
    defaultSimSettings({ ...base, behaviourChange: { atMonth: 2, kind: 'base_rate', size: 0.3 } }),
  );
  const at = Date.parse('2025-11-01T00:00:00Z');

  it('is off by default: no setting and nothing in truth.json', () => {
    expect('behaviourChange' in plain.settings).toBe(false);
    expect('behaviour_change' in plain.truth).toBe(false);
  });

  it('records the change in truth.json', () => {
    expect(loosened.truth.behaviour_change).toMatchObject({
      kind: 'base_rate',
      at: '2025-11-01T00:00:00Z',
      size: 0.3,
    });
  });

  it('leaves every application before the change as it was and raises the chance after it', () => {
    const before = new Map(plain.applications.map((a) => [a.application_id, a.probability]));
    const times = submissions(loosened);
    let checkedBefore = 0;
    let checkedAfter = 0;
    for (const a of loosened.applications) {
      const t = times.get(a.application_id)!.t;
      if (t < at) {
        expect(a.probability).toBe(before.get(a.application_id));
        checkedBefore++;
      } else {
        checkedAfter++;
      }
    }
    expect(checkedBefore).toBeGreaterThan(200);
    expect(checkedAfter).toBeGreaterThan(200);
    const rate = (after: boolean) => {
      const xs = loosened.applications.filter(
        (a) => times.get(a.application_id)!.t >= at === after,
      );
      const mean = (f: (a: (typeof xs)[number]) => number) =>
        xs.reduce((sum, a) => sum + f(a), 0) / xs.length;
      return { p: mean((a) => a.probability), y: mean((a) => (a.interviewed ? 1 : 0)) };
    };
    // 0.3 added before the clip: the mean chance rises by a little less.
    expect(rate(true).p - rate(false).p).toBeGreaterThan(0.2);
    expect(rate(true).y - rate(false).y).toBeGreaterThan(0.2);
  });

  it('reverses how the interview chance depends on fit with kind fit_effect, size -1', () => {
    const reversed = simulateWorld(
      defaultSimSettings({
        ...base,
        behaviourChange: { atMonth: 2, kind: 'fit_effect', size: -1 },
      }),
    );
    const times = submissions(reversed);
    const corr = (after: boolean) => {
      const xs = reversed.applications.filter(
        (a) => times.get(a.application_id)!.t >= at === after,
      );
      return correlation(
        xs.map((a) => times.get(a.application_id)!.fit),
        xs.map((a) => a.probability),
      );
    };
    expect(corr(false)).toBeGreaterThan(0.15);
    expect(corr(true)).toBeLessThan(-0.15);
  });

  it('refuses a change outside the window, naming the field and the rule', () => {
    expect(() =>
      defaultSimSettings({
        ...base,
        behaviourChange: { atMonth: 4, kind: 'base_rate', size: 0.1 },
      }),
    ).toThrow(/behaviourChange\.atMonth must be an integer in \[1, months\) \(got 4\)/);
  });
});
