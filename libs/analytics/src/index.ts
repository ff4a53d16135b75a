/**
 * @hirelearn/analytics — the spec's analytics (section 4) computed where the data lives:
 * SQL over the facts in DuckDB, only results coming back. Cross-user results leave out users
 * who opted out of market insights and suppress cells of fewer than k users.
 */
export * from './settings';
export * from './period';
export * from './data-period';
export * from './rate';
export * from './sql';
export * from './user-performance';
export * from './user-patterns';
export * from './segments';
export * from './market';
export * from './fairness';
export * from './export';
export * from './resume-dna';
export * from './company-velocity';
export * from './company-signals';
export * from './market-temporal';
export * from './role-demand';
