/**
 * False-positive rate of simulated A/A tests looked at every "night": the always-valid
 * confidence sequence against the fixed-horizon z interval peeked at the same way.
 *
 *   npx tsx libs/experiments/bench/aa-peeking.ts [reps=1000] [looks=20] [users_per_look=100]
 */
import { confidenceSequence } from '../src';
import { createRng } from '@hirelearn/stats';

const reps = Number(process.argv[2] ?? 1000);
const looks = Number(process.argv[3] ?? 20);
const perLook = Number(process.argv[4] ?? 100);
const rng = createRng(2024);
let seqFp = 0;
let naiveFp = 0;
for (let k = 0; k < reps; k++) {
  let n = 0;
  let sC = 0;
  let qC = 0;
  let sT = 0;
  let qT = 0;
  let seq = false;
  let naive = false;
  for (let l = 0; l < looks; l++) {
    for (let i = 0; i < perLook; i++) {
      const c = rng.normal();
      const t = rng.normal();
      sC += c;
      qC += c * c;
      sT += t;
      qT += t * t;
    }
    n += perLook;
    const vC = (qC - (sC * sC) / n) / (n - 1);
    const vT = (qT - (sT * sT) / n) / (n - 1);
    const d = sT / n - sC / n;
    if (confidenceSequence(d, vC, n, vT, n).significant) seq = true;
    if (Math.abs(d) / Math.sqrt(vC / n + vT / n) > 1.959964) naive = true;
  }
  if (seq) seqFp++;
  if (naive) naiveFp++;
}
console.log(
  `${reps} A/A tests, ${looks} looks of ${perLook} users per arm: ` +
    `false positives with the confidence sequence ${(seqFp / reps).toFixed(3)}, ` +
    `with fixed-horizon peeking ${(naiveFp / reps).toFixed(3)} (alpha 0.05)`,
);
