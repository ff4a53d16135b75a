export * from './settings';
export * from './velocity';
