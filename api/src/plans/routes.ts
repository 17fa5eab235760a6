import { Hono } from 'hono';
import type { AppEnv } from '../context';

// /api/plans: versioned bonus plans (admin edits).
export const planRoutes = new Hono<AppEnv>();
