import type { EventOf } from '@hirelearn/contract';
import { defaultSimSettings } from './settings';
import { simulateWorld, type SimWorld } from './simulate-world';
import { STRONG_VERBS } from './vocabulary';

/** Correlation of each user's hidden skill with the share of first-resume bullets opening strong. */
function styleSkillCorrelation(world: SimWorld): number {
  const xs: number[] = [];
  const ys: number[] = [];
  const seen = new Set<string>();
  for (const e of world.events) {
    if (e.event_type !== 'RESUME_SNAPSHOT' || seen.has(e.user_id)) continue;
    seen.add(e.user_id);
    const hidden = world.truth.hidden_users[e.user_id];
    const bullets = (e as EventOf<'RESUME_SNAPSHOT'>).resume.roles.flatMap((r) => r.bullets);
    if (!hidden || bullets.length === 0) continue;
    const strong = bullets.filter((b) => STRONG_VERBS.some((v) => b.startsWith(`${v} `)));
    xs.push(hidden.skill);
    ys.push(strong.length / bullets.length);
  }
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('population.dayOneSignal: how much of the hidden traits the first resume shows', () => {
  const base = { users: 200, months: 2, seed: 11 };
  const plain = simulateWorld(defaultSimSettings(base));

  it('leaves the default world byte-identical when absent or 1', () => {
    const one = simulateWorld(defaultSimSettings({ ...base, population: { dayOneSignal: 1 } }));
    expect(one.lines).toEqual(plain.lines);
    expect(plain.truth.settings.population).not.toHaveProperty('dayOneSignal');
  });

  it('makes the first resume style follow hidden skill more closely when raised', () => {
    const strong = simulateWorld(defaultSimSettings({ ...base, population: { dayOneSignal: 3 } }));
    const r1 = styleSkillCorrelation(plain);
    const r3 = styleSkillCorrelation(strong);
    expect(r1).toBeGreaterThan(0.2);
    expect(r3).toBeGreaterThan(r1 + 0.08);
  });

  it('refuses a signal that is negative or not a number, naming the setting', () => {
    for (const bad of [-1, Number.NaN, Infinity]) {
      expect(() => defaultSimSettings({ population: { dayOneSignal: bad } })).toThrow(
        /population\.dayOneSignal must be a finite number >= 0/,
      );
    }
  });
});
