import { Hono } from 'hono';
import type { AppEnv } from '../context';

// /api/money: money figures, explanations, sensitivity (DESIGN.md, Money).
export const moneyRoutes = new Hono<AppEnv>();
