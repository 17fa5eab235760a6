/** Something that answers SQL text with rows: the floor on PostgreSQL, or DuckDB. */
export type Row = Record<string, unknown>;

export interface SqlEngine {
  name: string;
  query(text: string): Promise<Row[]>;
  close(): Promise<void>;
}
