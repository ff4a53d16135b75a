export * from './event-types';
export * from './schemas';
export * from './validate';
export * from './json-schema';
export * from './examples';
export { COMPANY_SIZES, EDUCATION_LEVELS, SENIORITY_LEVELS, identifier } from './primitives';
export { HOSTILE_STRINGS } from './hostile-strings';
export { parseInstant } from './instant';
export { escapeRegex } from './regex';
