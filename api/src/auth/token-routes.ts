import { Hono } from 'hono';
import type { AppEnv } from '../context';

// /api/tokens: API tokens for machine clients (admin lists and revokes).
export const tokenRoutes = new Hono<AppEnv>();
