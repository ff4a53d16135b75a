/**
 * Prints every published figure next to the engine's estimate on the same fixture:
 *   npx tsx libs/causal/src/published/report.ts [--json]
 * A row is reproduced when |estimate − published| ≤ tolerance (the published s.e., or the
 * experimental 95% half-width for the observational LaLonde estimates).
 */
import { cigarettesReproductions } from './iv-cigarettes';
import { mrozReproductions } from './iv-mroz';
import { kielmcReproductions } from './did-kielmc';
import { lalondeReproductions } from './lalonde';
import { senateReproductions } from './rd-senate';
import { reproduced } from './reproduction';

const rows = [
  ...lalondeReproductions(),
  ...cigarettesReproductions(),
  ...mrozReproductions(),
  ...kielmcReproductions(),
  ...senateReproductions(),
].map((r) => ({ ...r, reproduced: reproduced(r) }));

const fmt = (v: number): string =>
  Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(2) : v.toFixed(3);

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  console.log('figure | estimate (s.e.) | published (s.e.) | within | reproduced | source');
  for (const r of rows) {
    console.log(
      [
        r.figure,
        `${fmt(r.estimate)} (${fmt(r.std_error)})`,
        `${fmt(r.published_estimate)} (${fmt(r.published_std_error)})`,
        `±${fmt(r.tolerance)}`,
        r.reproduced ? 'yes' : 'NO',
        r.source,
      ].join(' | '),
    );
  }
}
