import type { Role } from '@delight/db';

/** Who is calling: a signed-in user (session cookie) or a machine client (API token). */
export interface Principal {
  kind: 'session' | 'token';
  /** users.id for a session, api_tokens.id for a token */
  id: number;
  /** shown in the audit log, e.g. `user:anna@…` or `token:ingest` */
  label: string;
  role: Role;
  employeeId: number | null;
  employeeExternalId: string | null;
  /** an ingest token: may only send data (POST /api/ingest/*) */
  ingestOnly?: boolean;
}
