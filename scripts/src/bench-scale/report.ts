/** The printed table and the one closing line of ratios. */
import type { QuestionResult, RunResults } from './results';

export const fmtMs = (ms: number | null | undefined): string => {
  if (ms === null || ms === undefined) return '—';
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
};
export const fmtKb = (kb: number | null | undefined): string => {
  if (kb === null || kb === undefined || kb === 0) return '—';
  const mib = kb / 1024;
  return mib < 1024 ? `${mib.toFixed(0)} MiB` : `${(mib / 1024).toFixed(2)} GiB`;
};
export const fmtRatio = (x: number | null): string =>
  x === null || !Number.isFinite(x) ? '—' : `${x < 10 ? x.toFixed(2) : x.toFixed(0)}×`;
const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || !b ? null : a / b;
const int = (n: number) => n.toLocaleString('en-US');

/** ms per employee (bonus row) of a per-employee question, or null. */
function perEmployee(q: QuestionResult | undefined): number | null {
  const api = q?.api;
  if (!api?.ok || api.medianMs === null || !api.rows) return null;
  return api.medianMs / api.rows;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  '),
    )
    .join('\n');
}

function agreement(q: QuestionResult): string {
  if (!q.mismatches) return '';
  const all = [
    ...q.mismatches.raw.map((m) => `raw ${m}`),
    ...q.mismatches.duckdb.map((m) => `duckdb ${m}`),
  ];
  return all.length === 0 ? 'same answer' : `DIFFERS: ${all.join('; ')}`;
}

/** The server settings that shape the figures (pg_settings units: 8 kB pages, kB). */
function serverLine(server: Record<string, string>): string {
  const pages = (v: string | undefined) => (v ? `${(Number(v) * 8) / 1024} MB` : '?');
  const kb = (v: string | undefined) => (v ? `${Number(v) / 1024} MB` : '?');
  return `server settings: autovacuum ${server.autovacuum ?? '?'}, jit ${server.jit ?? '?'}, shared_buffers ${pages(server.shared_buffers)}, work_mem ${kb(server.work_mem)}, effective_cache_size ${pages(server.effective_cache_size)}, max_parallel_workers_per_gather ${server.max_parallel_workers_per_gather ?? '?'}`;
}

export function formatReport(r: RunResults, small: RunResults | null): string {
  const out: string[] = [];
  const spec = r.dataset.spec;
  const files = r.dataset.files;
  out.push(
    `bench:scale ${r.scale} on ${r.engine}, seed ${r.seed} — ${r.date}; ${r.machine.cores} cores${r.machine.load ? ` (load ${r.machine.load})` : ''}, ${r.machine.memory}, node ${r.machine.node}, server PostgreSQL ${r.server.server_version ?? '?'}`,
    `data: ${int(spec.customers)} customers, ${int(spec.employees)} employees, ${int(files['responses.csv']?.rows ?? 0)} responses, ${int(files['complaints.csv']?.rows ?? 0)} complaints, ${int(files['revenue.csv']?.rows ?? 0)} revenue rows, ${int(files['recovery_actions.csv']?.rows ?? 0)} recovery actions; ${(r.dataset.bytes / 1e6).toFixed(0)} MB of CSV (${r.dataset.generated ? `generated in ${r.dataset.generatedSeconds.toFixed(0)} s` : 'cached'})`,
    serverLine(r.server),
    '',
  );
  const imp = r.import;
  const floor = r.floor;
  out.push(
    table([
      ['import', 'wall time', 'peak RSS', 'floor (psql \\copy)', 'import/\\copy', 'DuckDB load'],
      [
        `product import (pnpm delight import, ${r.engine})`,
        imp ? `${fmtMs(imp.seconds * 1000)}${imp.ok ? '' : ' FAILED'}` : 'not run',
        fmtKb(imp?.peakRssKb),
        floor ? `${fmtMs(floor.seconds * 1000)}${floor.ok ? '' : ' FAILED'}` : 'not run',
        imp?.ok && floor?.ok ? fmtRatio(imp.seconds / floor.seconds) : '—',
        r.duckdbLoadSeconds === null
          ? r.duckdbError
            ? 'FAILED'
            : '—'
          : fmtMs(r.duckdbLoadSeconds * 1000),
      ],
    ]),
  );
  if (imp && !imp.ok)
    out.push(
      `  import failed after ${fmtMs(imp.seconds * 1000)} at ${fmtKb(imp.peakRssKb)}: ${imp.error}`,
    );
  if (floor && !floor.ok) out.push(`  \\copy failed: ${floor.error}`);
  if (r.statistics)
    out.push(`  statistics on the product tables when the endpoints ran: ${r.statistics}`);
  out.push('');

  // questions with any measurement (none after --only import)
  const keys = Object.keys(r.questions).filter((k) => {
    const q = r.questions[k]!;
    return q.api !== null || q.raw !== null || q.duckdb !== null;
  });
  if (keys.length > 0) {
    const header = [
      'question (2026-Q3)',
      'API median',
      'raw SQL',
      'DuckDB',
      'raw/API',
      'DuckDB/API',
    ];
    if (small) header.push(`vs ${small.scale}`);
    header.push('answers');
    const rows: string[][] = [header];
    for (const key of keys) {
      const q = r.questions[key]!;
      const api = q.api;
      const apiText = !api
        ? 'not run'
        : api.ok
          ? fmtMs(api.medianMs)
          : `FAILED ${fmtMs(api.runsMs[0])}`;
      const per = perEmployee(q);
      const row = [
        q.label,
        per === null ? apiText : `${apiText} (${fmtMs(per)}/employee)`,
        q.raw?.ok ? fmtMs(q.raw.medianMs) : q.raw ? 'FAILED' : '—',
        q.duckdb?.ok ? fmtMs(q.duckdb.medianMs) : q.duckdb ? 'FAILED' : '—',
        fmtRatio(ratio(q.raw?.medianMs, api?.ok ? api.medianMs : null)),
        fmtRatio(ratio(q.duckdb?.medianMs, api?.ok ? api.medianMs : null)),
      ];
      if (small)
        row.push(
          fmtRatio(ratio(api?.ok ? api.medianMs : null, small.questions[key]?.api?.medianMs)),
        );
      row.push(agreement(q));
      rows.push(row);
    }
    out.push(table(rows));
    for (const key of keys) {
      const api = r.questions[key]!.api;
      if (api && !api.ok) out.push(`  ${r.questions[key]!.label}: ${api.error}`);
      for (const [name, t] of [
        ['raw', r.questions[key]!.raw],
        ['duckdb', r.questions[key]!.duckdb],
      ] as const) {
        if (t && !t.ok) out.push(`  ${r.questions[key]!.label} (${name}): ${t.error}`);
      }
    }
    const measured = Object.values(r.questions).find((q) => q.api?.ok)?.api?.runsMs.length;
    const fewer = keys.flatMap((k) => {
      const q = r.questions[k]!;
      return (
        [
          ['raw', q.raw],
          ['DuckDB', q.duckdb],
        ] as const
      ).flatMap(([name, t]) =>
        t?.ok && t.runsMs.length < (measured ?? 5) ? [`${q.label} ${name} ${t.runsMs.length}`] : [],
      );
    });
    out.push(
      `  ${measured ? `API: median of ${measured} calls after one warm-up` : 'API: not measured'}; raw SQL over the \\copy tables and DuckDB over the same CSV files, median of as many after a warm-up${fewer.length ? `; fewer runs where the warm-up alone took over 30 s: ${fewer.join(', ')}` : ''}.`,
    );
  }
  if (r.serverRss) {
    out.push(
      `server RSS: peak ${fmtKb(r.serverRss.endpointsPeakKb)} over the endpoint phase; during the HR CSV calls ${fmtKb(r.serverRss.csvBeforeKb)} → max ${fmtKb(r.serverRss.csvMaxKb)}`,
    );
  }
  if (r.serverError) out.push(`server: ${r.serverError}`);
  const inc = r.increment;
  if (inc) {
    out.push(
      `one more day (${int(inc.responses)} responses, ${int(inc.complaints)} complaints) via POST /api/import: ${inc.ok ? fmtMs(inc.seconds * 1000) : `FAILED after ${fmtMs(inc.seconds * 1000)}: ${inc.error}`}; next kpis call shows it: ${inc.visible === null ? 'not checked' : inc.visible ? 'yes' : 'NO'} (${inc.detail})`,
    );
  }
  for (const note of r.notes) out.push(`note: ${note}`);
  out.push('', closingLine(r, small));
  return out.join('\n');
}

/** One line: import/\copy, each endpoint vs S, company KPIs and money vs raw and DuckDB, per-employee ratios. */
export function closingLine(r: RunResults, small: RunResults | null): string {
  const parts: string[] = [];
  const imp = r.import;
  if (imp) {
    parts.push(
      imp.ok && r.floor?.ok
        ? `import/\\copy ${fmtRatio(imp.seconds / r.floor.seconds)} (RSS ${fmtKb(imp.peakRssKb)})`
        : `import FAILED after ${fmtMs(imp.seconds * 1000)} at ${fmtKb(imp.peakRssKb)}`,
    );
  }
  const apiMs = (q: QuestionResult | undefined) => (q?.api?.ok ? q.api.medianMs : null);
  if (small && small !== r) {
    const each = Object.entries(r.questions).flatMap(([key, q]) => {
      const x = ratio(apiMs(q), apiMs(small.questions[key]));
      return x === null ? [] : [`${key} ${fmtRatio(x)}`];
    });
    if (each.length) parts.push(`${r.scale}/${small.scale}: ${each.join(', ')}`);
  }
  for (const key of ['kpis-company', 'money-company']) {
    const q = r.questions[key];
    if (!q || apiMs(q) === null) continue;
    parts.push(
      `${key} raw/API ${fmtRatio(ratio(q.raw?.medianMs, apiMs(q)))}, DuckDB/API ${fmtRatio(ratio(q.duckdb?.medianMs, apiMs(q)))}`,
    );
  }
  for (const key of ['bonus-run', 'hr-csv']) {
    const q = r.questions[key];
    const per = perEmployee(q);
    if (per === null) continue;
    const vs = small && small !== r ? ratio(per, perEmployee(small.questions[key])) : null;
    parts.push(
      `${key} ${fmtMs(per)}/employee${vs === null ? '' : ` (${r.scale}/${small!.scale} ${fmtRatio(vs)})`}`,
    );
  }
  if (r.serverRss) parts.push(`server RSS ${fmtKb(r.serverRss.endpointsPeakKb)}`);
  if (r.increment) {
    parts.push(
      `one more day ${r.increment.ok ? fmtMs(r.increment.seconds * 1000) : 'FAILED'}, shown ${r.increment.visible ? 'yes' : 'NO'}`,
    );
  }
  if (!Object.values(r.questions).some((q) => apiMs(q) !== null))
    parts.push('endpoints not measured');
  return `ratios ${r.scale} ${r.engine}: ${parts.join(' · ')}`;
}
