import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScaleSpec } from '../scales';
import { generateInto } from './dataset';

type Row = Record<string, string>;

// A company small enough for a unit test; every count below is derived from the files
// (or written out here), not taken from the generator.
const TINY: ScaleSpec = {
  name: 'tiny',
  customers: 120,
  employees: 24,
  responses: 900,
  complaints: 70,
  segments: 6,
};

// The import format (docs/import-format.md), written out here.
const HEADERS: Record<string, string> = {
  'employees.csv': 'external_id,name,email,role,segment,bonus_target,currency,hired_on,left_on',
  'segments.csv': 'external_id,name,manager',
  'customers.csv': 'external_id,name,segment,account_manager,acquired_on,churned_on',
  'fx_rates.csv': 'month,currency,rate',
  'revenue.csv': 'customer,month,amount,currency',
  'responses.csv': 'external_id,customer,employee,kind,score,responded_at,comment',
  'complaints.csv':
    'external_id,customer,employee,opened_at,first_response_at,resolved_at,validity,severity,follow_up_at',
  'recovery_actions.csv': 'external_id,complaint,kind,cost,currency,performed_at,employee',
};

const dirs: string[] = [];
function generated(
  seed: number,
): Promise<{ dir: string; manifest: Awaited<ReturnType<typeof generateInto>> }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-gen-test-'));
  dirs.push(dir);
  return generateInto(dir, TINY, seed).then((manifest) => ({ dir, manifest }));
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const read = (dir: string, file: string): Row[] =>
  parse(readFileSync(join(dir, file)), { columns: true, bom: true }) as Row[];

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sub of ['main', 'increment']) {
    for (const f of readdirSync(join(dir, sub))) {
      out[`${sub}/${f}`] = createHash('sha256')
        .update(readFileSync(join(dir, sub, f)))
        .digest('hex');
    }
  }
  return out;
}

/** The 24 months 2024-10 … 2026-09, spelled out. */
const MONTHS = [
  ...['10', '11', '12'].map((m) => `2024-${m}`),
  ...Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
  ...Array.from({ length: 9 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
];

describe('bench-scale generator', () => {
  it('writes the same bytes for the same seed and other bytes for another seed', async () => {
    const [a, b, c] = await Promise.all([generated(7), generated(7), generated(8)]);
    expect(hashes(a.dir)).toEqual(hashes(b.dir));
    expect(Object.keys(hashes(a.dir))).toHaveLength(13);
    expect(hashes(c.dir)['main/responses.csv']).not.toBe(hashes(a.dir)['main/responses.csv']);
    expect(a.manifest.files).toEqual(b.manifest.files);
  });

  it('writes the counts of the scale, with references that hold', async () => {
    const { dir, manifest } = await generated(11);
    const main = join(dir, 'main');
    for (const [file, header] of Object.entries(HEADERS)) {
      expect(readFileSync(join(main, file), 'utf8').split('\n')[0]).toBe(header);
    }
    const employees = read(main, 'employees.csv');
    const segments = read(main, 'segments.csv');
    const customers = read(main, 'customers.csv');
    const revenue = read(main, 'revenue.csv');
    const responses = read(main, 'responses.csv');
    const complaints = read(main, 'complaints.csv');
    const actions = read(main, 'recovery_actions.csv');
    expect(employees).toHaveLength(24);
    expect(segments).toHaveLength(6);
    expect(customers).toHaveLength(120);
    expect(responses).toHaveLength(900);
    expect(complaints).toHaveLength(70);
    expect(read(main, 'fx_rates.csv')).toHaveLength(24 * 2);

    // one revenue row per customer and month they were a customer on some day of
    let expectedRevenue = 0;
    for (const c of customers) {
      for (const m of MONTHS) {
        if (c.acquired_on!.slice(0, 7) <= m && (c.churned_on === '' || c.churned_on! > `${m}-01`)) {
          expectedRevenue++;
        }
      }
    }
    expect(revenue).toHaveLength(expectedRevenue);
    expect(new Set(revenue.map((r) => `${r.customer} ${r.month}`)).size).toBe(expectedRevenue);

    const ids = (rows: Row[]) => new Set(rows.map((r) => r.external_id));
    const employeeIds = ids(employees);
    const customerById = new Map(customers.map((c) => [c.external_id!, c]));
    expect(employeeIds.size).toBe(24);
    expect(customerById.size).toBe(120);
    const roles = new Map(employees.map((e) => [e.external_id!, e.role!]));
    for (const s of segments) expect(roles.get(s.manager!)).toBe('segment_manager');
    for (const c of customers) {
      expect(ids(segments).has(c.segment)).toBe(true);
      if (c.account_manager) expect(roles.get(c.account_manager)).toBe('agent');
    }
    const start = Date.parse('2024-10-01T00:00:00Z');
    const incrementDay = Date.parse('2026-09-30T00:00:00Z');
    for (const r of responses) {
      const c = customerById.get(r.customer!);
      expect(c).toBeDefined();
      if (r.employee) expect(employeeIds.has(r.employee)).toBe(true);
      const at = Date.parse(r.responded_at!);
      expect(at).toBeGreaterThanOrEqual(start);
      expect(at).toBeLessThan(incrementDay);
      const range = { nps: [0, 10], csat: [1, 5], ces: [1, 7] }[r.kind as 'nps'];
      expect(range).toBeDefined();
      expect(Number(r.score)).toBeGreaterThanOrEqual(range[0]!);
      expect(Number(r.score)).toBeLessThanOrEqual(range[1]!);
    }
    const complaintIds = ids(complaints);
    for (const k of complaints) {
      expect(customerById.has(k.customer!)).toBe(true);
      expect(roles.get(k.employee!)).toBe('agent');
      for (const later of [k.first_response_at, k.resolved_at]) {
        if (later) expect(Date.parse(later)).toBeGreaterThanOrEqual(Date.parse(k.opened_at!));
      }
    }
    for (const a of actions) expect(complaintIds.has(a.complaint)).toBe(true);
    expect(ids(actions).size).toBe(actions.length);
    expect(ids(responses).size).toBe(900);

    // the manifest says what the files hold
    expect(manifest.files['revenue.csv']!.rows).toBe(expectedRevenue);
    expect(manifest.files['recovery_actions.csv']!.rows).toBe(actions.length);
    expect(manifest.probes.segment).toBe(segments[0]!.external_id);
  });

  it('writes one more day after the main data, with new ids', async () => {
    const { dir, manifest } = await generated(5);
    const responses = read(join(dir, 'increment'), 'responses.csv');
    const complaints = read(join(dir, 'increment'), 'complaints.csv');
    // 0.15 % of 900 responses rounds to 1; of 70 complaints to 0, so at least 1
    expect(responses).toHaveLength(1);
    expect(complaints).toHaveLength(1);
    const mainIds = new Set(read(join(dir, 'main'), 'responses.csv').map((r) => r.external_id));
    const customers = new Map(
      read(join(dir, 'main'), 'customers.csv').map((c) => [c.external_id!, c]),
    );
    for (const r of responses) {
      expect(mainIds.has(r.external_id)).toBe(false);
      expect(new Date(Date.parse(r.responded_at!)).toISOString().slice(0, 10)).toBe('2026-09-30');
      expect(customers.get(r.customer!)?.churned_on).toBe('');
    }
    const kinds = { nps: 0, csat: 0, ces: 0 };
    for (const r of responses) kinds[r.kind as keyof typeof kinds]++;
    expect(manifest.increment.byKind).toEqual(kinds);
  });
});
