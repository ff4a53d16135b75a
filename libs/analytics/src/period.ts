/**
 * A period is a half-open interval of time [start, end): an application belongs to the
 * period its submission falls in, and only what happened before the end counts as its outcome.
 */
export interface Period {
  /** As given: `all`, `2025-10`, `2025`, `2025-07-01..2025-10-01`. */
  readonly label: string;
  /** Inclusive, `YYYY-MM-DD HH:MM:SS` UTC. */
  readonly start: string;
  /** Exclusive. */
  readonly end: string;
}

export const ALL_TIME: Period = Object.freeze({
  label: 'all',
  start: '1970-01-01 00:00:00',
  end: '9999-12-31 00:00:00',
});

/** The result of parsing a period; a bad text is a reason, not an exception. */
export type PeriodParse =
  | { readonly status: 'ok'; readonly period: Period }
  | { readonly status: 'invalid_period'; readonly reason: string };

const sqlTime = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

function day(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const d = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text ? null : d;
}

/** Parses `all`, `YYYY`, `YYYY-MM`, `YYYY-Qn` or `YYYY-MM-DD..YYYY-MM-DD` (end exclusive). */
export function parsePeriod(text: string | undefined): PeriodParse {
  const t = (text ?? 'all').trim();
  const ok = (start: Date, end: Date): PeriodParse =>
    end > start
      ? {
          status: 'ok',
          period: Object.freeze({ label: t, start: sqlTime(start), end: sqlTime(end) }),
        }
      : { status: 'invalid_period', reason: `period '${t}' ends before it starts` };
  if (t === 'all') return { status: 'ok', period: ALL_TIME };
  let m = /^(\d{4})$/.exec(t);
  if (m) return ok(new Date(Date.UTC(+m[1], 0, 1)), new Date(Date.UTC(+m[1] + 1, 0, 1)));
  m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m && +m[2] >= 1 && +m[2] <= 12) {
    return ok(new Date(Date.UTC(+m[1], +m[2] - 1, 1)), new Date(Date.UTC(+m[1], +m[2], 1)));
  }
  m = /^(\d{4})-Q([1-4])$/.exec(t);
  if (m) {
    const q = +m[2] - 1;
    return ok(new Date(Date.UTC(+m[1], 3 * q, 1)), new Date(Date.UTC(+m[1], 3 * q + 3, 1)));
  }
  const parts = t.split('..');
  if (parts.length === 2) {
    const [a, b] = parts.map(day);
    if (a && b) return ok(a, b);
  }
  return {
    status: 'invalid_period',
    reason: `period '${t}' is not one of: all, YYYY, YYYY-MM, YYYY-Qn, YYYY-MM-DD..YYYY-MM-DD`,
  };
}
