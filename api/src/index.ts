export { type App, createApp } from './app';
export { type Config, loadConfig, testDatabaseUrl } from './config';
export type { AppDeps } from './context';
