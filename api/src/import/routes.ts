import { Hono } from 'hono';
import type { AppEnv } from '../context';

// /api/import: multipart upload of the import files.
export const importRoutes = new Hono<AppEnv>();
