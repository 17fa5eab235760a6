import { Hono } from 'hono';
import type { AppEnv } from '../context';

// /api/customers: customer list and the cost-to-serve (let-go) list.
export const customerRoutes = new Hono<AppEnv>();
