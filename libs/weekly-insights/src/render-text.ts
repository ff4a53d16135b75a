/** What every format says about an insight's evidence, in the same words. */
import type { Evidence, Insight } from './types';

const signed = (x: number, digits: number) => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;

/** An effect in its unit: points of probability, applications, or percent. */
export function effectText(e: Evidence, x: number): string {
  if (e.unit === 'probability') return `${signed(100 * x, 1)} points`;
  if (e.unit === 'relative_change') return `${signed(100 * x, 0)}%`;
  return signed(x, 1);
}

/** `effect +6.1 points, 95% interval [+3.2 points, +9.0 points], n 12,345, method aipw`. */
export function evidenceText(i: Insight, alpha: number): string {
  const e = i.evidence;
  const level = Math.round(100 * (1 - alpha));
  const n = e.sample_size.toLocaleString('en-US');
  const unitOfN =
    e.unit === 'applications'
      ? 'weeks'
      : e.unit === 'relative_change'
        ? 'postings'
        : 'applications';
  return `effect ${effectText(e, e.effect)}, ${level}% interval [${effectText(e, e.interval[0])}, ${effectText(e, e.interval[1])}], sample ${n} ${unitOfN}, method: ${e.method}; confidence ${i.confidence}`;
}
