export { type App, createApp } from './app';
export { type Config, ConfigError, loadConfig, testDatabaseUrl } from './config';
export type { AppDeps } from './context';
export { createLogger, type Logger } from './observability/logger';
export { createMetrics, type Metrics } from './observability/metrics';
