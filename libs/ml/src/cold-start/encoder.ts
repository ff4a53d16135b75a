import { SENIORITY_LEVELS } from '@hirelearn/contract';
import { DAY_ONE_FIELDS, type DayOneFeatures, type DayOneField } from './day-one';
import type { ColdStartEncoder } from './types';

const { log1p, sqrt } = Math;

/** Fields read as numbers (education as its rank among the contract's levels). */
const NUMERIC_FIELDS = Object.freeze([
  'years_experience',
  'education_level',
  'salary_target',
  'skills_count',
  'roles_count',
  'bullets_count',
  'bullet_metric_share',
  'action_verb_share',
  'certifications_count',
  'degree_count',
  'page_count',
] as const satisfies readonly DayOneField[]);

const EDUCATION_RANK: Readonly<Record<string, number>> = Object.freeze({
  none: 0,
  high_school: 1,
  associate: 2,
  bachelor: 3,
  master: 4,
  phd: 5,
});
const WORK_ARRANGEMENTS = Object.freeze(['remote', 'hybrid', 'onsite']);

function numericValue(f: DayOneFeatures, field: (typeof NUMERIC_FIELDS)[number]): number | null {
  const v = f[field];
  if (v === null) return null;
  if (field === 'education_level') return EDUCATION_RANK[v as string] ?? null;
  if (field === 'salary_target') return log1p(v as number);
  return v as number;
}

function vocabulary(lists: readonly (readonly string[] | null)[], minCount: number): string[] {
  const counts = new Map<string, number>();
  for (const l of lists) for (const v of l ?? []) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n >= minCount)
    .map(([v]) => v)
    .sort();
}

/**
 * Fits the encoding on the training users: means and sds of the numeric fields, the
 * vocabularies of target roles and industries. Every field also gets a missing indicator,
 * so "unknown" is a value the network learns (and not the mean pretending to be known).
 */
export function fitColdStartEncoder(
  users: readonly DayOneFeatures[],
  minCategoryCount: number,
): ColdStartEncoder {
  const numeric = NUMERIC_FIELDS.map((field) => {
    const xs = users.map((u) => numericValue(u, field)).filter((v): v is number => v !== null);
    const mean = xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
    const v = xs.length > 1 ? xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) : 0;
    return Object.freeze({ field, mean, sd: v > 0 ? sqrt(v) : 1 });
  });
  const targetRoles = vocabulary(
    users.map((u) => u.target_roles),
    minCategoryCount,
  );
  const industries = vocabulary(
    users.map((u) => u.industries),
    minCategoryCount,
  );
  const columns = [
    ...numeric.map((n) => n.field),
    ...SENIORITY_LEVELS.map((s) => `seniority=${s}`),
    ...WORK_ARRANGEMENTS.map((w) => `work_arrangement=${w}`),
    ...targetRoles.map((r) => `target_role=${r}`),
    ...industries.map((r) => `industry=${r}`),
    ...DAY_ONE_FIELDS.map((f) => `missing:${f}`),
  ];
  return Object.freeze({
    numeric: Object.freeze(numeric),
    seniority: Object.freeze([...SENIORITY_LEVELS]),
    work_arrangement: WORK_ARRANGEMENTS,
    target_roles: Object.freeze(targetRoles),
    industries: Object.freeze(industries),
    columns: Object.freeze(columns),
  });
}

/** The network's input row of day-one features (unknown numbers at the training mean, i.e. 0). */
export function encodeDayOne(encoder: ColdStartEncoder, f: DayOneFeatures): number[] {
  const row: number[] = [];
  for (const n of encoder.numeric) {
    const v = numericValue(f, n.field as (typeof NUMERIC_FIELDS)[number]);
    row.push(v === null ? 0 : (v - n.mean) / n.sd);
  }
  for (const s of encoder.seniority) row.push(f.seniority === s ? 1 : 0);
  for (const w of encoder.work_arrangement) row.push(f.work_arrangement_preference === w ? 1 : 0);
  for (const r of encoder.target_roles) row.push(f.target_roles?.includes(r) ? 1 : 0);
  for (const r of encoder.industries) row.push(f.industries?.includes(r) ? 1 : 0);
  for (const field of DAY_ONE_FIELDS) row.push(f[field] === null ? 1 : 0);
  return row;
}
