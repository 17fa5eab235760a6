import type { Database } from '@delight/db';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { isDomainError } from '../lib/errors';

/**
 * The app's Prometheus metrics, in a registry of its own (not prom-client's global
 * one: a test process builds many apps). GET /metrics renders it.
 */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  /** rows an import applied, per file; the import (API, job or CLI) increments it */
  importRows: Counter<'file'>;
  /** problems found in rejected imports, per file */
  importErrors: Counter<'file'>;
  /** imports by outcome: applied, rejected (422), failed (anything else) */
  imports: Counter<'outcome'>;
  /** Counts an import's rows or problems around the work that does it. */
  countImport<T extends { imported: Record<string, number> }>(work: () => Promise<T>): Promise<T>;
}

export interface MetricsOptions {
  /** Node process metrics too (CPU, memory, event loop lag): for the server process */
  processMetrics?: boolean;
}

export function createMetrics(database: Database, options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'delight_' });
  const httpRequests = new Counter({
    name: 'delight_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'delight_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const importRows = new Counter({
    name: 'delight_import_rows_total',
    help: 'Rows in applied imports, by file',
    labelNames: ['file'] as const,
    registers: [registry],
  });
  const importErrors = new Counter({
    name: 'delight_import_errors_total',
    help: 'Problems reported by rejected imports, by file',
    labelNames: ['file'] as const,
    registers: [registry],
  });
  const imports = new Counter({
    name: 'delight_imports_total',
    help: 'Imports by outcome (applied, rejected, failed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  databaseGauges(database, registry);
  return {
    registry,
    httpRequests,
    httpDuration,
    importRows,
    importErrors,
    imports,
    async countImport(work) {
      try {
        const result = await work();
        for (const [file, n] of Object.entries(result.imported)) importRows.inc({ file }, n);
        imports.inc({ outcome: 'applied' });
        return result;
      } catch (err) {
        const problems = isDomainError(err, 'import_rejected') ? err.extra?.errors : undefined;
        if (Array.isArray(problems)) {
          for (const p of problems as { file?: unknown }[]) {
            importErrors.inc({ file: typeof p.file === 'string' ? p.file : 'unknown' });
          }
          imports.inc({ outcome: 'rejected' });
        } else {
          imports.inc({ outcome: 'failed' });
        }
        throw err;
      }
    },
  };
}

/**
 * Pool use and database health, read at scrape time: one small query on
 * pg_stat_activity for this pool's connections. A scrape during an outage still
 * answers, with delight_db_up 0.
 */
function databaseGauges(database: Database, registry: Registry): void {
  let last: Awaited<ReturnType<Database['stats']>> | null = null;
  let up = 0;
  // prom-client collects the metrics of a scrape in parallel: they share one query
  let pending: { at: number; done: Promise<void> } | null = null;
  const snapshot = () => {
    if (!pending || Date.now() - pending.at > 500) pending = { at: Date.now(), done: refresh() };
    return pending.done;
  };
  const refresh = async () => {
    try {
      last = await Promise.race([
        database.stats(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('stats timed out')), 1000).unref(),
        ),
      ]);
      up = 1;
    } catch {
      up = 0;
    }
  };
  new Gauge({
    name: 'delight_db_up',
    help: '1 when the database answered the scrape, else 0',
    registers: [registry],
    async collect() {
      await snapshot();
      this.set(up);
    },
  });
  new Gauge({
    name: 'delight_db_pool_connections',
    help: 'Connections of this process to the primary, by state (max = pool size)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      await snapshot();
      const pool = last?.pool;
      if (!pool) return;
      this.set({ state: 'max' }, pool.max);
      this.set({ state: 'open' }, pool.open);
      this.set({ state: 'active' }, pool.active);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'idle_in_transaction' }, pool.idleInTransaction);
    },
  });
  new Counter({
    name: 'delight_db_reads_total',
    help: 'Dashboard reads served, by target (primary or replica)',
    labelNames: ['target'] as const,
    registers: [registry],
    async collect() {
      await snapshot();
      if (!last) return;
      this.reset();
      this.inc({ target: 'primary' }, last.reads.primary);
      this.inc({ target: 'replica' }, last.reads.replica);
    },
  });
  new Gauge({
    name: 'delight_db_replica_fresh',
    help: '1 while dashboard reads go to the read replica (configured, streaming, fresh)',
    registers: [registry],
    async collect() {
      await snapshot();
      this.set(last?.replica === 'fresh' ? 1 : 0);
    },
  });
}
