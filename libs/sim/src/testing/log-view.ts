import type { EventOf, HirelearnEvent } from '@hirelearn/contract';

/** One submitted application as an analyst reconstructs it from the event log alone. */
export interface LoggedApplication {
  readonly applicationId: string;
  readonly userId: string;
  readonly event: EventOf<'APPLICATION_SUBMITTED'>;
  readonly editTypes: ReadonlySet<string>;
  readonly interviewed: boolean;
  readonly onTuesday: boolean;
  readonly inMorning: boolean;
}

/**
 * Applies truth.json's treatment definitions to the log: the resume version an application
 * names carries every edit type of the user's rewrites up to and including that version.
 */
export function applicationsFromLog(events: readonly HirelearnEvent[]): LoggedApplication[] {
  const rewrites = new Map<string, EventOf<'RESUME_REWRITTEN'>[]>();
  const interviews = new Set<string>();
  const submitted: EventOf<'APPLICATION_SUBMITTED'>[] = [];
  for (const e of events) {
    if (e.event_type === 'RESUME_REWRITTEN') {
      const list = rewrites.get(e.user_id) ?? [];
      list.push(e);
      rewrites.set(e.user_id, list);
    } else if (e.event_type === 'STATUS_CHANGED' && e.outcome.status === 'interview') {
      interviews.add(e.application_id);
    } else if (e.event_type === 'APPLICATION_SUBMITTED') {
      submitted.push(e);
    }
  }
  const carried = new Map<string, Set<string>>();
  for (const list of rewrites.values()) {
    list.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    const acc = new Set<string>();
    for (const r of list) {
      for (const t of r.edit_types ?? []) acc.add(t);
      carried.set(r.resume_version_id, new Set(acc));
    }
  }
  return submitted.map((e) => {
    const at = new Date(e.timestamp);
    const hour = at.getUTCHours();
    return {
      applicationId: e.application_id,
      userId: e.user_id,
      event: e,
      editTypes: carried.get(e.resume_version_id) ?? new Set<string>(),
      interviewed: interviews.has(e.application_id),
      onTuesday: at.getUTCDay() === 2,
      inMorning: hour >= 6 && hour < 12,
    };
  });
}

/** Difference in means of `y` between rows where `treated` holds and the rest, with its SE. */
export function naiveDifference<T>(
  rows: readonly T[],
  treated: (row: T) => boolean,
  y: (row: T) => number,
): {
  readonly diff: number;
  readonly se: number;
  readonly nTreated: number;
  readonly nControl: number;
} {
  const groups = [
    { n: 0, sum: 0, sq: 0 },
    { n: 0, sum: 0, sq: 0 },
  ];
  for (const row of rows) {
    const g = groups[treated(row) ? 1 : 0];
    const v = y(row);
    g.n++;
    g.sum += v;
    g.sq += v * v;
  }
  const [c, t] = groups;
  const mean = (g: { n: number; sum: number }) => g.sum / g.n;
  const variance = (g: { n: number; sum: number; sq: number }) =>
    (g.sq - (g.sum * g.sum) / g.n) / (g.n - 1);
  return {
    diff: mean(t) - mean(c),
    se: Math.sqrt(variance(t) / t.n + variance(c) / c.n),
    nTreated: t.n,
    nControl: c.n,
  };
}

/** Pearson correlation. */
export function correlation(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
