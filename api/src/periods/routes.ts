import { Hono } from 'hono';
import type { AppEnv } from '../context';

// /api/periods: bonus period state and close.
export const periodRoutes = new Hono<AppEnv>();
