export * from './client';
export * from './retry';
export * from './copy';
export * as schema from './schema/index';
export * from './schema/index';
