export * from './scrub';
export * from './anonymize';
export * from './k-anonymity';
export * from './audit';
