export * from './access';
export * from './credentials';
export * from './settings';
export * from './server';
export * from './client';
