/**
 * `pnpm bench:scale --scale S|M|L [--engine postgres|pglite] [--keep] [--only import|endpoints]`
 *
 * The scale benchmark of issue 12: a cached deterministic data set of the scale, the
 * product import timed against `psql \copy` of the same files, every dashboard endpoint
 * through the real HTTP API beside raw-scan SQL and DuckDB, "one more day" imported on
 * the running server, then a table and one closing line of ratios. It runs to its end
 * whatever fails and says what failed with the figure it reached. See docs/performance.md.
 */
import { statfsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { type Options, parseOptions, USAGE, UsageError } from './args';
import { measureBaselines } from './baselines';
import { runEndpointPhase } from './endpoint-phase';
import { dashboardQuestions } from './endpoints';
import { copyFloor } from './floor';
import { ensureDataset } from './generate/dataset';
import { engineEnv, runProductImport } from './import-phase';
import { connect, createDatabase, databaseUrl, dropDatabase, serverFacts } from './pg';
import { REPO_ROOT } from './processes';
import { formatReport } from './report';
import { loadResults, type RunResults, saveResults } from './results';
import { SCALES } from './scales';
import { forgetKept, type KeptState, loadKept, saveKept } from './state';

const BENCH_DIR = join(REPO_ROOT, '.data/bench');
const log = (line: string) => process.stderr.write(`${line}\n`);
const elapsed = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

function machine(): Record<string, string> {
  return {
    cores: String(cpus().length),
    cpu: cpus()[0]?.model ?? '?',
    memory: `${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    node: process.version,
    /** the shared machine's 1-minute load average when the run started */
    load: loadavg()[0]!.toFixed(1),
  };
}

async function statistics(url: string): Promise<string> {
  const sql = connect(url);
  try {
    const rows = await sql<{ relname: string; analyzed: boolean }[]>`
      select relname, (last_analyze is not null or last_autoanalyze is not null) as analyzed
      from pg_stat_user_tables where schemaname = 'public'
        and relname in ('customers', 'revenue', 'responses', 'complaints', 'recovery_actions')
      order by relname`;
    const never = rows.filter((r) => !r.analyzed).map((r) => r.relname);
    return never.length === 0 ? 'all analyzed' : `never analyzed: ${never.join(', ')}`;
  } finally {
    await sql.end();
  }
}

async function keptOrNew(o: Options): Promise<KeptState> {
  if (o.only === 'endpoints') {
    const kept = await loadKept(BENCH_DIR, o.scale, o.engine);
    if (!kept)
      throw new UsageError(
        `--only endpoints needs an earlier --keep run of ${o.scale} on ${o.engine}`,
      );
    return kept;
  }
  return {
    database: `bench_scale_${o.scale.toLowerCase()}_${o.engine}_${process.pid}`,
    pgliteDir: o.engine === 'pglite' ? await mkdtemp(join(tmpdir(), 'bench-pglite-')) : null,
    incrementApplied: false,
  };
}

async function run(o: Options): Promise<RunResults> {
  const t0 = performance.now();
  const free = statfsSync(REPO_ROOT);
  log(
    `bench:scale ${o.scale} on ${o.engine}; ${((free.bavail * free.bsize) / 1e9).toFixed(0)} GB free on the disk`,
  );
  await mkdir(BENCH_DIR, { recursive: true });
  const dataset = await ensureDataset(join(BENCH_DIR, 'datasets'), SCALES[o.scale], o.seed);
  const m = dataset.manifest;
  log(
    `data set ${dataset.dir} (${dataset.generated ? `generated in ${m.generatedSeconds.toFixed(1)} s` : 'cached'})`,
  );
  const state = await keptOrNew(o);
  const url = databaseUrl(o.url, state.database);
  const target = o.engine === 'postgres' ? url : state.pgliteDir!;
  const questions = dashboardQuestions(m);
  const results: RunResults = {
    scale: o.scale,
    engine: o.engine,
    seed: o.seed,
    date: new Date().toISOString().slice(0, 10),
    machine: machine(),
    server: await serverFacts(o.url),
    dataset: {
      files: m.files,
      spec: m.spec,
      increment: m.increment,
      generatedSeconds: m.generatedSeconds,
      generated: dataset.generated,
      bytes: Object.values(m.files).reduce((s, f) => s + f.bytes, 0),
    },
    floor: null,
    import: null,
    statistics: null,
    duckdbLoadSeconds: null,
    duckdbError: null,
    questions: Object.fromEntries(
      questions.map((q) => [
        q.key,
        { label: q.label, api: null, raw: null, duckdb: null, mismatches: null },
      ]),
    ),
    serverRss: null,
    serverError: null,
    increment: null,
    notes: [],
  };
  try {
    if (o.only !== 'endpoints') {
      await createDatabase(o.url, state.database);
      log(`[${elapsed(t0)}] psql \\copy floor into ${state.database}.floor …`);
      results.floor = await copyFloor(url, dataset.mainDir);
      log(`[${elapsed(t0)}] product import on ${o.engine} …`);
      results.import = await runProductImport(
        dataset.mainDir,
        engineEnv(o.engine, target),
        o.importTimeoutMinutes * 60_000,
      );
      log(
        `[${elapsed(t0)}] import ${results.import.ok ? 'done' : `FAILED: ${results.import.error}`}`,
      );
    }
    if (o.only === 'import') return results;

    const imported = o.only === 'endpoints' || results.import?.ok === true;
    let answers: Record<string, unknown> = {};
    // a kept database that has had its increment answers more than the floor holds
    const comparable = !state.incrementApplied;
    if (!imported) {
      results.notes.push(
        'endpoints not measured: the import failed, the database holds nothing to ask',
      );
    } else {
      if (o.engine === 'postgres') results.statistics = await statistics(url);
      log(`[${elapsed(t0)}] endpoints through HTTP …`);
      try {
        const phase = await runEndpointPhase({
          env: engineEnv(o.engine, target, {
            PORT: String(o.port),
            HOST: '127.0.0.1',
            DELIGHT_DEMO: '0',
          }),
          questions,
          runs: o.runs,
          manifest: m,
          incrementDir: state.incrementApplied ? null : dataset.incrementDir,
          log,
        });
        if (comparable) answers = phase.answers;
        else
          results.notes.push(
            'answers not compared: the kept database has the increment, the floor not',
          );
        results.serverRss = phase.serverRss;
        results.increment = phase.increment;
        if (phase.increment?.ok) state.incrementApplied = true;
        if (!phase.increment)
          results.notes.push('one more day not imported: this kept database has it already');
        for (const [key, t] of Object.entries(phase.api)) results.questions[key]!.api = t;
      } catch (err) {
        results.serverError = String(err).slice(0, 1000);
      }
    }
    const floorOk = o.only === 'endpoints' || results.floor?.ok === true;
    await measureBaselines({
      results,
      floorUrl: floorOk ? url : null,
      csvDir: dataset.mainDir,
      questions,
      runs: o.runs,
      answers,
      log: (line) => log(line.startsWith('  ') ? line : `[${elapsed(t0)}] ${line}`),
    });
    return results;
  } finally {
    if (o.keep) {
      await saveKept(BENCH_DIR, o.scale, o.engine, state);
      log(
        `kept: database ${state.database}${state.pgliteDir ? `, PGlite ${state.pgliteDir}` : ''}`,
      );
    } else {
      await dropDatabase(o.url, state.database).catch((err: unknown) => log(`drop failed: ${err}`));
      if (state.pgliteDir) await rm(state.pgliteDir, { recursive: true, force: true });
      await forgetKept(BENCH_DIR, o.scale, o.engine);
    }
    log(`[${elapsed(t0)}] done`);
  }
}

async function main(argv: string[]): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(argv);
  } catch (err) {
    if (
      err instanceof UsageError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`${(err as Error).message}\n${USAGE}`.trim());
      return 2;
    }
    throw err;
  }
  const small = options.scale === 'S' ? null : await loadResults(BENCH_DIR, 'S', options.engine);
  if (options.print) {
    const stored = await loadResults(BENCH_DIR, options.scale, options.engine);
    if (!stored) throw new UsageError(`no stored results of ${options.scale} on ${options.engine}`);
    console.log(formatReport(stored, small));
    return 0;
  }
  let results: RunResults;
  try {
    results = await run(options);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(err.message);
    return 2;
  }
  const saved = await saveResults(BENCH_DIR, results);
  console.log(formatReport(results, small));
  log(`results: ${saved}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  },
);
