/** Checks of an experiment definition: each problem names the field and the rule. */
import { metricDefinition } from '../analysis/metrics';
import { ExperimentDefinition } from '../types';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

export function validateDefinition(d: ExperimentDefinition): string[] {
  const problems: string[] = [];
  if (!ID.test(d.experiment_id ?? '')) {
    problems.push(
      'experiment_id: 1-128 letters, digits, _ . : - (starting with a letter or digit)',
    );
  }
  for (const f of ['name', 'hypothesis', 'component', 'parameter'] as const) {
    if (typeof d[f] !== 'string' || d[f].trim() === '') problems.push(`${f}: required`);
  }
  const vs = Array.isArray(d.variants) ? d.variants : [];
  if (vs.length < 2) problems.push('variants: at least 2 (the first is the control)');
  const ids = new Set(vs.map((v) => v.variant_id));
  if (ids.size !== vs.length) problems.push('variants: variant_id must be unique');
  vs.forEach((v, i) => {
    if (!ID.test(v.variant_id ?? '')) problems.push(`variants[${i}].variant_id: invalid`);
    if (!(v.allocation > 0 && v.allocation <= 1)) {
      problems.push(`variants[${i}].allocation: must be in (0, 1]`);
    }
    if (v.value === undefined) problems.push(`variants[${i}].value: required`);
  });
  const total = vs.reduce((a, v) => a + (v.allocation ?? 0), 0);
  if (vs.length >= 2 && Math.abs(total - 1) > 1e-9) {
    problems.push(`variants: allocations must sum to 1, got ${total}`);
  }
  if (!metricDefinition(d.success_metric)) {
    problems.push(`success_metric: unknown metric '${d.success_metric}'`);
  }
  for (const g of d.guardrail_metrics ?? []) {
    if (!metricDefinition(g)) problems.push(`guardrail_metrics: unknown metric '${g}'`);
  }
  if (d.minimum_sample_size !== undefined && !(d.minimum_sample_size >= 0)) {
    problems.push('minimum_sample_size: must be >= 0');
  }
  if (d.maximum_duration_days !== undefined && !(d.maximum_duration_days > 0)) {
    problems.push('maximum_duration_days: must be > 0');
  }
  const ns = d.namespace;
  if (ns && !(typeof ns[0] === 'string' && ns[1] >= 0 && ns[1] < ns[2] && ns[2] <= 1)) {
    problems.push('namespace: [name, start, end] with 0 <= start < end <= 1');
  }
  if (!d.ethics || typeof d.ethics !== 'object') problems.push('ethics: required');
  return problems;
}
