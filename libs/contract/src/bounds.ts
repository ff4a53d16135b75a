/**
 * Bounds on numbers the contract (EVENTS.md) leaves open, where no real event can pass them: a
 * value past one is a producer's bug, not data. Unbounded, `days_to_response: 1e300` was
 * accepted and then published as the market's mean response time. Each is a validation rule
 * (reason `out_of_range`, the message naming the field and the bound), chosen far outside what
 * real events carry so that none is refused: the largest values of a simulated world of 2,000
 * users over 12 months are 113 days, 149 applications, 7 in a week, 2 pages, salaries of 545,000.
 */
export const OPEN_NUMBER_BOUNDS = Object.freeze({
  /** Ten years: no hiring process answers later. */
  max_days_to_response: 3650,
  /** A person applying 270 times a day for a year. */
  max_total_applications: 100_000,
  /** 1,400 applications a day. */
  max_applications_last_7_days: 10_000,
  /** A resume, not a book. */
  max_page_count: 100,
  /** A yearly salary in any currency (10^12 covers the weakest ones); never negative. */
  max_salary: 1e12,
});
