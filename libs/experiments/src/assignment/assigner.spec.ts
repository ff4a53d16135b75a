import { GrowthBook } from '@growthbook/growthbook';
import { runningExperiment } from '../testing/fixtures';
import { Assigner } from './assigner';
import { featureDefinition, growthbookPayload } from './feature-json';

/** GrowthBook's hash, version 2, written out independently of the SDK (FNV-1a 32, twice). */
function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h += (h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24);
  }
  return h >>> 0;
}
const hashV2 = (seed: string, id: string) => (fnv1a32(String(fnv1a32(seed + id))) % 10000) / 10000;

/** Variant index under GrowthBook's bucket ranges [start_i, start_i + coverage · w_i), or -1. */
function expectedVariant(n: number, weights: number[], coverage: number): number {
  let start = 0;
  for (let i = 0; i < weights.length; i++) {
    if (n >= start && n < start + coverage * weights[i]) return i;
    start += weights[i];
  }
  return -1;
}

const ids = Array.from({ length: 3000 }, (_, i) => `user-${i}-${(i * 7919) % 104729}`);

describe('Assigner (GrowthBook SDK bucketing)', () => {
  const e = runningExperiment({
    coverage: 0.6,
    variants: [
      { variant_id: 'control', value: 70, allocation: 0.3 },
      { variant_id: 'lower', value: 60, allocation: 0.3 },
      { variant_id: 'lowest', value: 50, allocation: 0.4 },
    ],
  });

  it('matches hash version 2, the seed, coverage and weights computed by hand', () => {
    const a = new Assigner([e]);
    const weights = e.variants.map((v) => v.allocation);
    for (const id of ids) {
      const i = expectedVariant(hashV2(e.seed, id), weights, e.coverage);
      expect(a.assign(e.experiment_id, id).variant_id).toBe(
        i < 0 ? null : e.variants[i].variant_id,
      );
    }
    a.destroy();
  });

  it('agrees with a single-user GrowthBook SDK instance on the exported feature JSON, and with gb.run', () => {
    const a = new Assigner([e]);
    const payload = growthbookPayload([e]);
    for (const id of ids.slice(0, 1000)) {
      const gb = new GrowthBook({ attributes: { id }, features: payload.features });
      const r = gb.evalFeature(e.experiment_id);
      const ours = a.assign(e.experiment_id, id);
      const theirs = r.experimentResult?.inExperiment ? r.experimentResult.key : null;
      expect(ours.variant_id).toBe(theirs);
      expect(ours.value).toEqual(r.value);
      const inline = gb.run({
        key: e.experiment_id,
        variations: e.variants.map((v) => v.variant_id) as [string, string, ...string[]],
        weights: e.variants.map((v) => v.allocation),
        coverage: e.coverage,
        seed: e.seed,
        hashVersion: 2,
      });
      expect(inline.inExperiment ? inline.value : null).toBe(ours.variant_id);
      gb.destroy();
    }
    a.destroy();
  });

  it('never enrols a user who opted out of personalization', () => {
    const a = new Assigner([runningExperiment({ coverage: 1 })]);
    for (const id of ids.slice(0, 500)) {
      const r = a.assign('exp-threshold', id, true);
      expect(r.variant_id).toBeNull();
      expect(r.reason).toBe('opted_out');
      expect(r.value).toBe(70);
    }
    a.destroy();
  });

  it('raising coverage 10% -> 50% -> 100% never moves an enrolled user', () => {
    const steps = [0.1, 0.5, 1].map((coverage) => new Assigner([runningExperiment({ coverage })]));
    const byStep = steps.map((a) => ids.map((id) => a.assign('exp-threshold', id).variant_id));
    for (let s = 1; s < steps.length; s++) {
      ids.forEach((_, i) => {
        if (byStep[s - 1][i] !== null) expect(byStep[s][i]).toBe(byStep[s - 1][i]);
      });
    }
    const enrolled = byStep.map((v) => v.filter((x) => x !== null).length / ids.length);
    expect(enrolled[0]).toBeCloseTo(0.1, 1);
    expect(enrolled[1]).toBeCloseTo(0.5, 1);
    expect(enrolled[2]).toBe(1);
    steps.forEach((a) => a.destroy());
  });

  it('honours a namespace: users outside it are never enrolled', () => {
    const a = new Assigner([runningExperiment({ namespace: ['pricing', 0, 0.5] })]);
    const other = new Assigner([
      runningExperiment({ experiment_id: 'exp-other', namespace: ['pricing', 0.5, 1] }),
    ]);
    let inA = 0;
    for (const id of ids) {
      const x = a.assign('exp-threshold', id).variant_id !== null;
      const y = other.assign('exp-other', id).variant_id !== null;
      expect(x && y).toBe(false); // disjoint namespace ranges never share a user
      if (x) inA++;
    }
    expect(inA / ids.length).toBeCloseTo(0.5, 1);
    a.destroy();
    other.destroy();
  });

  it('serves the control when not running and the shipped value once completed', () => {
    const paused = new Assigner([runningExperiment({ status: 'paused' })]);
    expect(paused.assign('exp-threshold', 'u1')).toMatchObject({
      variant_id: null,
      value: 70,
      reason: 'not_running',
    });
    paused.destroy();
    const shipped = runningExperiment({
      status: 'completed',
      outcome: 'rolled_out',
      shipped_variant: 'lower',
    });
    expect(featureDefinition(shipped).rules).toEqual([{ id: 'exp-threshold-shipped', force: 60 }]);
    const done = new Assigner([shipped]);
    expect(done.assign('exp-threshold', 'u1')).toMatchObject({ variant_id: null, value: 60 });
    expect(done.assign('nope', 'u1').reason).toBe('unknown_experiment');
    done.destroy();
  });

  it('a model version can be the treatment: object values pass through unchanged', () => {
    const model = runningExperiment({
      experiment_id: 'exp-model',
      component: 'model:interview_likelihood',
      parameter: 'version',
      variants: [
        { variant_id: 'production', value: { model: 'interview', version: 3 }, allocation: 0.5 },
        { variant_id: 'shadow', value: { model: 'interview', version: 4 }, allocation: 0.5 },
      ],
    });
    const a = new Assigner([model]);
    const seen = new Set<number>();
    for (const id of ids.slice(0, 200)) {
      const r = a.assign('exp-model', id);
      const version = (r.value as { version: number }).version;
      seen.add(version);
      expect(version).toBe(r.variant_id === 'shadow' ? 4 : 3);
    }
    expect([...seen].sort()).toEqual([3, 4]);
    a.destroy();
  });

  it('exports the running rule with hash version 2, seed, coverage, weights and the opt-out condition', () => {
    const rule = featureDefinition(e).rules?.[0];
    expect(rule).toMatchObject({
      key: 'exp-threshold',
      seed: 'exp-threshold-seed',
      hashVersion: 2,
      hashAttribute: 'id',
      coverage: 0.6,
      weights: [0.3, 0.3, 0.4],
      variations: [70, 60, 50],
      condition: { personalization_opt_out: { $ne: true } },
    });
  });
});
