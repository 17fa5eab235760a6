export * from './client';
export * from './retry';
export * as schema from './schema/index';
export * from './schema/index';
