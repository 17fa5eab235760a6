import { Hono } from 'hono';
import type { AppEnv } from '../context';

// /api/kpis: KPI values, trends and breakdowns (DESIGN.md, KPIs).
export const kpiRoutes = new Hono<AppEnv>();
