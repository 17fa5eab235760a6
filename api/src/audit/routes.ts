import { Hono } from 'hono';
import type { AppEnv } from '../context';

// /api/audit: the audit log.
export const auditRoutes = new Hono<AppEnv>();
