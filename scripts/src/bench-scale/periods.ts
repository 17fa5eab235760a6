/** The few period facts the raw-scan questions need, computed here on their own. */

export interface BenchPeriod {
  key: string;
  /** first day, `YYYY-MM-DD` */
  start: string;
  /** first day after */
  end: string;
  /** ttm window as months `YYYY-MM`: [ttmFrom, ttmTo) — the 12 months ending with the last month */
  ttmFrom: string;
  ttmTo: string;
}

const iso = (y: number, m0: number) => new Date(Date.UTC(y, m0, 1)).toISOString().slice(0, 10);

function build(key: string, y: number, m0: number, months: number): BenchPeriod {
  const end = iso(y, m0 + months);
  return {
    key,
    start: iso(y, m0),
    end,
    ttmFrom: iso(y, m0 + months - 12).slice(0, 7),
    ttmTo: end.slice(0, 7),
  };
}

/** `2026-Q3` or `2026-07`. */
export function benchPeriod(key: string): BenchPeriod {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return build(key, Number(q[1]), (Number(q[2]) - 1) * 3, 3);
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return build(key, Number(m[1]), Number(m[2]) - 1, 1);
  throw new Error(`not a quarter or month: ${key}`);
}

export function previousQuarter(key: string): BenchPeriod {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (!q) throw new Error(`not a quarter: ${key}`);
  const [y, n] = [Number(q[1]), Number(q[2])];
  return benchPeriod(n === 1 ? `${y - 1}-Q4` : `${y}-Q${n - 1}`);
}
