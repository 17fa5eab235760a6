import { Hono } from 'hono';
import type { AppEnv } from '../context';

// /api/bonus: bonus run, statements, what-do-I-need, HR CSV.
export const bonusRoutes = new Hono<AppEnv>();
