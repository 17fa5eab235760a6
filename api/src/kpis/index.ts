// The KPI engine's public surface for other packages (scripts, tests).
export * from './math';
export { type KpiDimension, queryKpiCounts } from './queries';
export * from './service';
export * from './types';
