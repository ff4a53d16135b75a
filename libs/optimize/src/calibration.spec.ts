import { createRng, sigmoid } from '@hirelearn/stats';
import {
  fitScoreMap,
  IDENTITY_SCORE_MAP,
  mapScore,
  optimizeScoreCalibration,
  type ScoreCalibrationMap,
  type ScoredOutcome,
} from './calibration';
import { parseOptimizationRecommendation } from './recommendation';

/** The engine's belief: P(interview) = σ((score − 60)/10), as knots every 5 points. */
const believed = (s: number) => sigmoid((s - 60) / 10);
const BELIEVED_MAP: ScoreCalibrationMap = {
  knots: Array.from({ length: 21 }, (_, i) => ({ score: 5 * i, probability: believed(5 * i) })),
};

/** 600 users × 10 applications, scores uniform on 20..95, outcomes drawn from `truth`. */
function world(truth: (s: number) => number, seed: number): ScoredOutcome[] {
  const rng = createRng(seed);
  const rows: ScoredOutcome[] = [];
  for (let u = 0; u < 600; u++) {
    for (let a = 0; a < 10; a++) {
      const score = 20 + Math.round(75 * rng.uniform());
      rows.push({
        user_id: `u${u}`,
        resume_score: score,
        reached_interview: rng.uniform() < truth(score),
      });
    }
  }
  return rows;
}

describe('fitScoreMap', () => {
  it('pools tied scores and violators into monotone knots (hand-computed)', () => {
    // Score 10: 1 of 2; score 20: 0 of 1 (violates 0.5, pools to 1/3 at mean score 40/3);
    // score 30: 2 of 2.
    const rows = [
      [10, true],
      [10, false],
      [20, false],
      [30, true],
      [30, true],
    ].map(([s, y], i) => ({
      user_id: `u${i}`,
      resume_score: s as number,
      reached_interview: y as boolean,
    }));
    const m = fitScoreMap(rows);
    expect(m.knots).toHaveLength(2);
    expect(m.knots[0].score).toBeCloseTo(40 / 3, 12);
    expect(m.knots[0].probability).toBeCloseTo(1 / 3, 12);
    expect(m.knots[1]).toEqual({ score: 30, probability: 1 });
    expect(mapScore(m, 0)).toBeCloseTo(1 / 3, 12);
    expect(mapScore(IDENTITY_SCORE_MAP, 37)).toBeCloseTo(0.37, 12);
  });

  it('keeps only the ends of a flat run (the map between them is the same)', () => {
    // Scores 10..50 never reach an interview, 60 and 70 always do: five zero knots become two.
    const rows = [10, 20, 30, 40, 50, 60, 70].map((s, i) => ({
      user_id: `u${i}`,
      resume_score: s,
      reached_interview: s >= 60,
    }));
    const m = fitScoreMap(rows);
    expect(m.knots).toEqual([
      { score: 10, probability: 0 },
      { score: 50, probability: 0 },
      { score: 60, probability: 1 },
      { score: 70, probability: 1 },
    ]);
    for (const s of [15, 35, 50, 55, 65])
      expect(mapScore(m, s)).toBe(s <= 50 ? 0 : s >= 60 ? 1 : 0.5);
  });
});

describe('optimizeScoreCalibration', () => {
  it('fixes a planted miscalibration: the truth is σ of a distorted score', () => {
    const truth = (s: number) => sigmoid((0.6 * s - 45) / 6);
    const r = optimizeScoreCalibration({ rows: world(truth, 7), current_map: BELIEVED_MAP });
    expect(r.status).toBe('ok');
    const a = r.analysis;
    expect(a.current_ece!).toBeGreaterThan(0.1);
    expect(a.fitted_ece!).toBeLessThan(a.current_ece! / 3);
    expect(a.improvement!.interval[0]).toBeGreaterThan(0);
    // The fitted map is monotone and close to the planted truth where the data are.
    const m = a.fitted_map!;
    m.knots
      .slice(1)
      .forEach((k, i) => expect(k.probability).toBeGreaterThanOrEqual(m.knots[i].probability));
    for (const s of [30, 50, 70, 90])
      expect(Math.abs(mapScore(m, s) - truth(s))).toBeLessThan(0.06);
    // Every bucket has its rate inside its Wilson interval, and the planted rate near it.
    for (const b of a.buckets) {
      expect(b.interval[0]).toBeLessThanOrEqual(b.interview_rate);
      expect(b.interview_rate).toBeLessThanOrEqual(b.interval[1]);
    }
    expect(r.recommendations).toHaveLength(1);
    const rec = parseOptimizationRecommendation(r.recommendations[0]);
    expect(rec).toMatchObject({
      component: 'resume_scoring',
      layer: 2,
      parameter: 'score_calibration_map',
      current_value: BELIEVED_MAP,
      recommended_value: m,
      risk: 'low',
    });
    expect(rec.evidence[0].kind).toBe('calibration_table');
    expect(rec.confidence).toBeGreaterThan(0.99);
    expect(rec.route).toBe('auto_apply');
  });

  it('leaves a calibrated score alone (no_change), on several worlds', () => {
    for (const seed of [1, 2, 3]) {
      const r = optimizeScoreCalibration({
        rows: world(believed, seed),
        current_map: BELIEVED_MAP,
      });
      expect(r.status).toBe('no_change');
      expect(r.recommendations).toHaveLength(0);
      expect(r.reasons[0]).toMatch(/held-out ECE/);
    }
  });

  it('too few applications is insufficient_data, with the bucket table still there', () => {
    const r = optimizeScoreCalibration({
      rows: world(believed, 1).slice(0, 200),
      current_map: BELIEVED_MAP,
    });
    expect(r.status).toBe('insufficient_data');
    expect(r.analysis.buckets.length).toBeGreaterThan(0);
  });

  it('refuses a score off the 0-100 scale and a map going backwards, naming the field', () => {
    const rows = world(believed, 1);
    expect(() =>
      optimizeScoreCalibration({
        rows: [{ ...rows[0], resume_score: 140 }],
        current_map: BELIEVED_MAP,
      }),
    ).toThrow(/rows\[0\]\.resume_score/);
    expect(() =>
      optimizeScoreCalibration({
        rows,
        current_map: {
          knots: [
            { score: 50, probability: 0.2 },
            { score: 40, probability: 0.3 },
          ],
        },
      }),
    ).toThrow(/current_map\.knots\[1\]\.score/);
  });
});
