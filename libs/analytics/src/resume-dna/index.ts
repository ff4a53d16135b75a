export * from './settings';
export * from './dbscan';
export * from './features';
export * from './library';
export * from './match';
