export * from './training-data';
export * from './training';
