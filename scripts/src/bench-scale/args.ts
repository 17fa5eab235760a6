import { parseArgs } from 'node:util';
import { parseScaleName, type ScaleName } from './scales';

export type Engine = 'postgres' | 'pglite';

export interface Options {
  scale: ScaleName;
  engine: Engine;
  url: string;
  seed: number;
  runs: number;
  keep: boolean;
  only: 'import' | 'endpoints' | null;
  port: number;
  importTimeoutMinutes: number;
  /** print the stored results of the last run of this scale and engine, measure nothing */
  print: boolean;
}

export const USAGE = `usage: pnpm bench:scale --scale S|M|L [--engine postgres|pglite] [--keep] [--only import|endpoints]
  --url URL        PostgreSQL server for the benchmark's own database (created and dropped;
                   default postgres://postgres@127.0.0.1:5432/postgres). With --engine pglite
                   it still holds the \\copy floor and the raw-scan baseline.
  --seed N         data set seed (default 1); data sets are cached per scale and seed
  --runs N         measured calls per endpoint after one warm-up (at least 5; default 15 for S, 5 else)
  --port N         port of the app server (default 3141)
  --keep           keep the database (and PGlite folder) for a later --only endpoints
  --only import    generate, \\copy floor and import only
  --only endpoints reuse the database of an earlier --keep run: endpoints, baselines, increment
  --import-timeout-minutes N   stop a product import after N minutes (default 180)
  --print          print the table of the last stored run of this scale and engine again`;

export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string' },
      engine: { type: 'string', default: 'postgres' },
      url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      seed: { type: 'string', default: '1' },
      runs: { type: 'string' },
      keep: { type: 'boolean', default: false },
      only: { type: 'string' },
      port: { type: 'string', default: '3141' },
      'import-timeout-minutes': { type: 'string', default: '180' },
      print: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) throw new UsageError('');
  const scale = values.scale ? parseScaleName(values.scale) : null;
  if (!scale) throw new UsageError('--scale S|M|L is required');
  if (values.engine !== 'postgres' && values.engine !== 'pglite') {
    throw new UsageError(`--engine must be postgres or pglite, got ${values.engine}`);
  }
  const only = values.only ?? null;
  if (only !== null && only !== 'import' && only !== 'endpoints') {
    throw new UsageError(`--only must be import or endpoints, got ${only}`);
  }
  const int = (name: string, text: string, min: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min)
      throw new UsageError(`--${name} must be an integer ≥ ${min}`);
    return n;
  };
  return {
    scale,
    engine: values.engine,
    url: values.url,
    seed: int('seed', values.seed, 0),
    // S calls take milliseconds: more of them keep the shared machine's noise out of the L/S ratios
    runs: int('runs', values.runs ?? (scale === 'S' ? '15' : '5'), 5),
    keep: values.keep,
    only,
    port: int('port', values.port, 1),
    importTimeoutMinutes: int('import-timeout-minutes', values['import-timeout-minutes'], 1),
    print: values.print,
  };
}

export class UsageError extends Error {}
