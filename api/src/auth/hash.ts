import { createHash } from 'node:crypto';

/** SHA-256 is enough for 192-bit random tokens (no password to stretch). */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
