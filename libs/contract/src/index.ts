export * from './event-types';
export * from './schemas';
export * from './validate';
export * from './json-schema';
export * from './examples';
