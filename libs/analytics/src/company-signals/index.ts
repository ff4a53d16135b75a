export * from './settings';
export * from './rate-limit';
export * from './connector';
export * from './crunchbase';
