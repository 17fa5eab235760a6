export * from './client';
export * from './copy';
export * from './retry';
export * as schema from './schema/index';
export * from './schema/index';
