import { Hono } from 'hono';
import type { AppEnv } from '../context';

// /api/assumptions: versioned money assumptions (admin edits).
export const assumptionRoutes = new Hono<AppEnv>();
