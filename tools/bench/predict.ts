/**
 * In-process prediction time of a trained ensemble artifact: a batch of 1,000 applications
 * and single predictions. Usage:
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/predict.ts .hirelearn/models/ensemble-seed1.json
 */
import { readFileSync } from 'node:fs';
import { loadEnsemble, type ApplicationFeatures } from '@hirelearn/ml';

const model = loadEnsemble(readFileSync(process.argv[2], 'utf8'));
const base: ApplicationFeatures = {
  fit_technical: 70,
  fit_seniority: 80,
  fit_experience: 60,
  fit_signal: 55,
  category: 'target',
  resume_score: 72,
  tailoring_applied: true,
  job_seniority: 'mid',
  user_seniority: 'mid',
  strategy_mode: 'BALANCED',
};
const rows = Array.from({ length: 1000 }, (_, i) => ({ ...base, fit_technical: 40 + (i % 50) }));
const timeMs = (f: () => void): number => {
  const s = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - s) / 1e6;
};
const quantile = (xs: number[], q: number): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];

for (let i = 0; i < 5; i++) model.predictMany(rows);
const batch = Array.from({ length: 50 }, () => timeMs(() => model.predictMany(rows)));
const single = Array.from({ length: 5000 }, (_, i) => timeMs(() => model.predict(rows[i % 1000])));
process.stdout.write(
  `batch of 1,000: p50 ${quantile(batch, 0.5).toFixed(2)} ms, p99 ${quantile(batch, 0.99).toFixed(2)} ms\n` +
    `single: p50 ${(quantile(single, 0.5) * 1000).toFixed(1)} µs, p99 ${(quantile(single, 0.99) * 1000).toFixed(1)} µs\n`,
);
