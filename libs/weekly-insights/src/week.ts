/**
 * ISO 8601 weeks (`2025-W10`): Monday to Monday in UTC, week 1 the week holding 4 January. The
 * weekly report is about one such week; the text is checked here so that a bad `--week` is a
 * reason naming the rule, not an exception.
 */

/** One ISO week: its label and its half-open interval [start, end) as SQL timestamps (UTC). */
export interface IsoWeek {
  /** `YYYY-Www`. */
  readonly label: string;
  readonly year: number;
  readonly week: number;
  /** Monday 00:00 UTC, `YYYY-MM-DD HH:MM:SS`, inclusive. */
  readonly start: string;
  /** The next Monday 00:00 UTC, exclusive. */
  readonly end: string;
}

export type IsoWeekParse =
  | { readonly status: 'ok'; readonly week: IsoWeek }
  | { readonly status: 'invalid_week'; readonly reason: string };

const DAY_MS = 86_400_000;
const sqlTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** Monday 00:00 UTC of ISO week 1 of `year`. */
function weekOneMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const isoDay = new Date(jan4).getUTCDay() || 7;
  return jan4 - (isoDay - 1) * DAY_MS;
}

/** 52 or 53: a year has 53 ISO weeks when its week 1 starts 53 weeks before the next year's. */
export function isoWeeksInYear(year: number): number {
  return Math.round((weekOneMonday(year + 1) - weekOneMonday(year)) / (7 * DAY_MS));
}

function weekOf(year: number, week: number): IsoWeek {
  const start = weekOneMonday(year) + (week - 1) * 7 * DAY_MS;
  return Object.freeze({
    label: `${year}-W${String(week).padStart(2, '0')}`,
    year,
    week,
    start: sqlTime(start),
    end: sqlTime(start + 7 * DAY_MS),
  });
}

/** Parses `YYYY-Www` (W01 to W52, or W53 in a year that has it). */
export function parseIsoWeek(text: string | undefined): IsoWeekParse {
  const t = (text ?? '').trim();
  const m = /^(\d{4})-W(\d{2})$/.exec(t);
  if (!m) {
    return {
      status: 'invalid_week',
      reason: `week '${t}' is not an ISO week: use YYYY-Www, e.g. 2025-W07 (weeks run Monday to Sunday, UTC)`,
    };
  }
  const year = Number(m[1]);
  const week = Number(m[2]);
  const last = isoWeeksInYear(year);
  if (week < 1 || week > last) {
    return {
      status: 'invalid_week',
      reason: `week '${t}': ${year} has ISO weeks W01 to W${last}`,
    };
  }
  return { status: 'ok', week: weekOf(year, week) };
}

/** The ISO week `offset` weeks after `week` (negative: before). */
export function shiftWeek(week: IsoWeek, offset: number): IsoWeek {
  const start = Date.parse(`${week.start.replace(' ', 'T')}Z`) + offset * 7 * DAY_MS;
  return isoWeekOf(new Date(start));
}

/** The ISO week a moment falls in. */
export function isoWeekOf(at: Date): IsoWeek {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const isoDay = new Date(day).getUTCDay() || 7;
  // The week's Thursday decides its year.
  const thursday = day + (4 - isoDay) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - weekOneMonday(year)) / (7 * DAY_MS)) + 1;
  return weekOf(year, week);
}
