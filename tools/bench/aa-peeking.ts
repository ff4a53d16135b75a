/**
 * False-positive rate of simulated A/A tests looked at every "night": the always-valid
 * confidence sequence against the fixed-horizon z interval peeked at the same way.
 *
 *   npx tsx tools/bench/aa-peeking.ts [reps=1000] [looks=20] [users_per_look=100]
 */
import { simulateAaPeeking } from '@hirelearn/experiments';

const sim = {
  reps: Number(process.argv[2] ?? 1000),
  looks: Number(process.argv[3] ?? 20),
  users_per_look: Number(process.argv[4] ?? 100),
  seed: 2024,
  alpha: 0.05,
};
const r = simulateAaPeeking(sim);
console.log(
  `${sim.reps} A/A tests, ${sim.looks} looks of ${sim.users_per_look} users per arm: ` +
    `false positives with the confidence sequence ${r.sequential_false_positive_rate.toFixed(3)}, ` +
    `with fixed-horizon peeking ${r.fixed_horizon_false_positive_rate.toFixed(3)} (alpha ${sim.alpha})`,
);
