import { Hono } from 'hono';
import type { AppEnv } from '../context';

// /api/auth: sign-in, sign-out, who am I. Mounted before the authenticate middleware;
// routes that need a principal apply it themselves.
export const authRoutes = new Hono<AppEnv>();
