/** The raw-scan baseline on PostgreSQL: plain SQL over the floor's plain tables. */
import type { Row, SqlEngine } from './engines';
import { connect } from './pg';

export async function floorEngine(url: string): Promise<SqlEngine> {
  const sql = connect(url);
  // per-session settings only: the plain tables, UTC dates
  await sql.unsafe("set search_path = floor; set timezone = 'UTC'");
  return {
    name: 'postgres raw',
    query: async (text) => [...(await sql.unsafe(text))] as Row[],
    close: () => sql.end(),
  };
}
