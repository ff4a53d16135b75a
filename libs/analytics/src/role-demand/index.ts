export * from './settings';
export * from './role-demand';
export * from './industry-insights';
