/**
 * A generated corpus of bad import files (issue 11, points 4–5; issue 10.15): each
 * case is one file with exactly one problem, at a known file, line and column, on top
 * of the golden data (so every reference in the base rows resolves). Every column of
 * every file gets the bad values of its type, on several lines; then structural
 * problems (encoding, quoting, header, line ends) and cross-row ones (duplicates,
 * references, FX rates, row rules).
 */

export interface BadCase {
  name: string;
  files: Record<string, string | Uint8Array>;
  /** the one problem expected */
  error: { file: string; line: number | null; column: string | null };
}

/** Three good rows per file, valid against the golden data, none of them stored yet. */
const BASE: Record<string, { header: string; rows: string[] }> = {
  'employees.csv': {
    header: 'external_id,name,email,role,segment,bonus_target,currency,hired_on,left_on',
    rows: [
      'X001,One,x1@x.example,agent,S1,1000.00,EUR,2020-01-01,',
      'X002,Two,x2@x.example,agent,S2,1000.00,UAH,2020-01-01,2026-01-31',
      'X003,Three,x3@x.example,hr,,1000.00,BGN,2021-05-06,',
    ],
  },
  'segments.csv': {
    header: 'external_id,name,manager',
    rows: ['X1,One,E004', 'X2,Two,E005', 'X3,Three,E004'],
  },
  'customers.csv': {
    header: 'external_id,name,segment,account_manager,acquired_on,churned_on',
    rows: [
      'XC1,One,S1,E006,2020-01-01,',
      'XC2,Two,S2,,2020-01-01,2026-02-01',
      'XC3,Three,S3,E011,2021-03-04,',
    ],
  },
  'fx_rates.csv': {
    header: 'month,currency,rate',
    rows: ['2027-01,BGN,0.51', '2027-01,UAH,0.024', '2027-02,BGN,0.5'],
  },
  'revenue.csv': {
    header: 'customer,month,amount,currency',
    rows: ['C0001,2024-01,100.00,EUR', 'C0002,2024-01,-5.50,EUR', 'C0003,2024-02,7,EUR'],
  },
  'responses.csv': {
    header: 'external_id,customer,employee,kind,score,responded_at,comment',
    rows: [
      'XR1,C0001,E006,nps,9,2026-01-05T10:00:00Z,fine',
      'XR2,C0002,,csat,4,2026-01-06T10:00:00+02:00,',
      'XR3,C0003,E009,ces,7,2026-01-07T10:00Z,"multi\nline"',
    ],
  },
  'complaints.csv': {
    header:
      'external_id,customer,employee,opened_at,first_response_at,resolved_at,validity,severity,follow_up_at',
    rows: [
      'XK1,C0001,E006,2026-01-05T10:00:00Z,2026-01-05T11:00:00Z,2026-01-06T10:00:00Z,valid,low,',
      'XK2,C0002,E009,2026-01-05T10:00:00Z,,,pending,high,',
      'XK3,C0003,E006,2026-01-05T10:00:00Z,,2026-01-07T10:00:00Z,unfounded,medium,2026-01-08T10:00:00Z',
    ],
  },
  'recovery_actions.csv': {
    header: 'external_id,complaint,kind,cost,currency,performed_at,employee',
    rows: [
      'XA1,K00001,gift,10.00,EUR,2026-01-05T10:00:00Z,E006',
      'XA2,K00002,refund,0,EUR,2026-01-06T10:00:00Z,E009',
      'XA3,K00003,meeting,1.5,EUR,2026-01-07T10:00:00Z,E006',
    ],
  },
  'contacts.csv': {
    header: 'external_id,response,complaint,employee,contacted_at,channel,outcome,note',
    rows: [
      'XT1,R000001,,E006,2026-01-05T10:00:00Z,call,reached,',
      'XT2,,K00001,E009,2026-01-06T10:00:00Z,email,no_answer,tried',
      'XT3,R000002,,E006,2026-01-07T10:00:00Z,meeting,resolved,',
    ],
  },
};

const long = (n: number, c = 'x') => c.repeat(n);

/** Bad values per kind of column, each refused by the column's own check. */
const BAD: Record<string, string[]> = {
  key: [long(3000)],
  text: [long(10_001)],
  email: ['not-an-email', 'a@b'],
  enum: ['bogus', 'NPS'],
  date: ['0000-01-01', '2021-02-30', '2021-13-01', '12/03/2024', '9999-12-31'],
  month: ['0000-01', '2026-13', '2026-1'],
  timestamp: [
    '0000-01-01T00:00:00Z',
    '2026-03-04 10:00:00',
    '2026-03-04T25:00:00Z',
    '2026-03-04T10:00:00+99:00',
    '2026-02-30T10:00:00Z',
  ],
  money: [long(140_000, '9'), `1.${long(20_000, '5')}`, '1,5', '12e3'],
  nonnegative: ['-5'],
  positive: ['0', '-1'],
  integer: ['x', '99999999999999'],
  currency: ['EURO', 'ABC', 'eur'],
};

/** The kind of each column (the bad values it gets). */
const KINDS: Record<string, Record<string, string[]>> = {
  'employees.csv': {
    external_id: ['key'],
    name: ['text500'],
    email: ['email'],
    role: ['enum'],
    segment: ['key'],
    bonus_target: ['money', 'nonnegative'],
    currency: ['currency'],
    hired_on: ['date'],
    left_on: ['date'],
  },
  'segments.csv': { external_id: ['key'], name: ['text500'], manager: ['key'] },
  'customers.csv': {
    external_id: ['key'],
    name: ['text500'],
    segment: ['key'],
    account_manager: ['key'],
    acquired_on: ['date'],
    churned_on: ['date'],
  },
  'fx_rates.csv': { month: ['month'], currency: ['currency'], rate: ['money', 'positive'] },
  'revenue.csv': { customer: ['key'], month: ['month'], amount: ['money'], currency: ['currency'] },
  'responses.csv': {
    external_id: ['key'],
    customer: ['key'],
    employee: ['key'],
    kind: ['enum'],
    score: ['integer'],
    responded_at: ['timestamp'],
    comment: ['text'],
  },
  'complaints.csv': {
    external_id: ['key'],
    customer: ['key'],
    employee: ['key'],
    opened_at: ['timestamp'],
    first_response_at: ['timestamp'],
    resolved_at: ['timestamp'],
    validity: ['enum'],
    severity: ['enum'],
    follow_up_at: ['timestamp'],
  },
  'recovery_actions.csv': {
    external_id: ['key'],
    complaint: ['key'],
    kind: ['enum'],
    cost: ['money', 'nonnegative'],
    currency: ['currency'],
    performed_at: ['timestamp'],
    employee: ['key'],
  },
  'contacts.csv': {
    external_id: ['key'],
    employee: ['key'],
    contacted_at: ['timestamp'],
    channel: ['enum'],
    outcome: ['enum'],
    note: ['text'],
  },
};

const valuesOf = (kind: string) => (kind === 'text500' ? [long(501)] : BAD[kind]!);

/** A CSV cell: quoted when it holds a comma, quote or line break. */
const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const splitRow = (row: string): string[] => {
  // the base rows quote only the last cell, if at all
  const out: string[] = [];
  let rest = row;
  while (rest.length > 0) {
    if (rest.startsWith('"')) {
      out.push(rest.slice(1, -1).replaceAll('""', '"'));
      break;
    }
    const i = rest.indexOf(',');
    if (i < 0) {
      out.push(rest);
      break;
    }
    out.push(rest.slice(0, i));
    rest = rest.slice(i + 1);
    if (rest === '') out.push('');
  }
  return out;
};

export const csvOf = (file: string, rows = BASE[file]!.rows) =>
  `${[BASE[file]!.header, ...rows].join('\n')}\n`;

function withCell(file: string, row: number, column: string, value: string): string {
  const base = BASE[file]!;
  const columns = base.header.split(',');
  const rows = base.rows.map((r, i) => {
    if (i !== row) return r;
    const cells = splitRow(r);
    while (cells.length < columns.length) cells.push('');
    cells[columns.indexOf(column)] = value;
    return cells.map(cell).join(',');
  });
  return csvOf(file, rows);
}

export function badCorpus(): BadCase[] {
  const cases: BadCase[] = [];
  // every column × every bad value of its kind × each of the three lines
  for (const [file, columns] of Object.entries(KINDS)) {
    for (const [column, kinds] of Object.entries(columns)) {
      for (const kind of kinds) {
        for (const value of valuesOf(kind)) {
          for (const row of [0, 1, 2]) {
            cases.push({
              name: `${file} ${column}=${value.slice(0, 20)}${value.length > 20 ? `…(${value.length})` : ''} on line ${row + 2}`,
              files: { [file]: withCell(file, row, column, value) },
              error: { file, line: row + 2, column },
            });
          }
        }
      }
    }
  }
  // a required cell left empty
  const required: Record<string, string[]> = {
    'employees.csv': [
      'external_id',
      'name',
      'email',
      'role',
      'bonus_target',
      'currency',
      'hired_on',
    ],
    'segments.csv': ['external_id', 'name', 'manager'],
    'customers.csv': ['external_id', 'name', 'segment', 'acquired_on'],
    'fx_rates.csv': ['month', 'currency', 'rate'],
    'revenue.csv': ['customer', 'month', 'amount', 'currency'],
    'responses.csv': ['external_id', 'customer', 'kind', 'score', 'responded_at'],
    'complaints.csv': ['external_id', 'customer', 'employee', 'opened_at', 'validity', 'severity'],
    'recovery_actions.csv': [
      'external_id',
      'complaint',
      'kind',
      'cost',
      'currency',
      'performed_at',
      'employee',
    ],
    'contacts.csv': ['external_id', 'employee', 'contacted_at', 'channel', 'outcome'],
  };
  for (const [file, columns] of Object.entries(required)) {
    for (const column of columns) {
      cases.push({
        name: `${file} ${column} empty`,
        files: { [file]: withCell(file, 1, column, '') },
        error: { file, line: 3, column },
      });
    }
  }
  for (const file of Object.keys(BASE)) {
    const good = csvOf(file);
    const header = BASE[file]!.header;
    const first = header.split(',')[0]!;
    const push = (
      name: string,
      content: string | Uint8Array,
      line: number | null,
      column: string | null,
    ) =>
      cases.push({
        name: `${file} ${name}`,
        files: { [file]: content },
        error: { file, line, column },
      });
    push('with CR-only line ends', good.replaceAll('\n', '\r'), 1, null);
    push('with a duplicated header column', good.replace(header, `${header},${first}`), 1, first);
    push(
      'without a required header column',
      good.replace(header, header.replace(first, 'renamed')),
      1,
      first,
    );
    push('with a row of too few fields', `${header}\n${BASE[file]!.rows[0]}\nonly,two\n`, 3, null);
    push('that is empty', '', 1, null);
    push(
      'with invalid UTF-8',
      Buffer.concat([Buffer.from(`${header}\n`), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]),
      2,
      null,
    );
    push('with a NUL character', `${header}\n${BASE[file]!.rows[0]}\nab\u0000c\n`, 3, null);
    push(
      'with an unclosed quote',
      `${header}\n${BASE[file]!.rows[0]}\n"unclosed,${BASE[file]!.rows[1]}\n`,
      null,
      null,
    );
    push('in UTF-16', Buffer.from(`\uFEFF${good}`, 'utf16le'), 1, null);
    // a duplicate key: the second row repeats the first
    push(
      'with a duplicate key',
      csvOf(file, [BASE[file]!.rows[0]!, BASE[file]!.rows[0]!]),
      3,
      null,
    );
  }
  const refs: [string, number, string, string][] = [
    ['employees.csv', 0, 'segment', 'S99'],
    ['segments.csv', 1, 'manager', 'E999'],
    ['customers.csv', 0, 'segment', 'S99'],
    ['customers.csv', 2, 'account_manager', 'E999'],
    ['revenue.csv', 1, 'customer', 'C9999'],
    ['responses.csv', 0, 'customer', 'C9999'],
    ['responses.csv', 2, 'employee', 'E999'],
    ['complaints.csv', 1, 'customer', 'C9999'],
    ['complaints.csv', 0, 'employee', 'E999'],
    ['recovery_actions.csv', 2, 'complaint', 'K99999'],
    ['recovery_actions.csv', 1, 'employee', 'E999'],
    ['contacts.csv', 0, 'response', 'R9999999'],
    ['contacts.csv', 1, 'complaint', 'K99999'],
    ['contacts.csv', 2, 'employee', 'E999'],
  ];
  for (const [file, row, column, value] of refs) {
    cases.push({
      name: `${file} ${column} ${value} unknown`,
      files: { [file]: withCell(file, row, column, value) },
      error: { file, line: row + 2, column },
    });
  }
  const rules: [string, number, string, string, string][] = [
    ['employees.csv', 0, 'left_on', '2019-12-31', 'left_on'],
    ['customers.csv', 0, 'churned_on', '2019-12-31', 'churned_on'],
    ['responses.csv', 0, 'score', '11', 'score'],
    ['responses.csv', 1, 'score', '0', 'score'],
    ['responses.csv', 2, 'score', '8', 'score'],
    ['complaints.csv', 0, 'first_response_at', '2026-01-05T09:00:00Z', 'first_response_at'],
    ['complaints.csv', 2, 'resolved_at', '2026-01-04T10:00:00Z', 'resolved_at'],
    ['contacts.csv', 0, 'complaint', 'K00001', 'response'],
    ['contacts.csv', 1, 'complaint', '', 'response'],
    ['revenue.csv', 0, 'currency', 'USD', 'currency'],
    ['recovery_actions.csv', 0, 'currency', 'USD', 'currency'],
  ];
  for (const [file, row, column, value, reported] of rules) {
    cases.push({
      name: `${file} ${column}=${value} breaks a rule`,
      files: { [file]: withCell(file, row, column, value) },
      error: { file, line: row + 2, column: reported },
    });
  }
  cases.push(
    {
      name: 'plans.json not JSON',
      files: { 'plans.json': '{"plans": [' },
      error: { file: 'plans.json', line: null, column: null },
    },
    {
      name: 'plans.json bad weight',
      files: {
        'plans.json':
          '{"plans": [{"key": "x", "role": "agent", "period_kind": "quarter", "valid_from": "2026-01-01", "lines": []}]}',
      },
      error: { file: 'plans.json', line: null, column: 'plans.0.lines' },
    },
    {
      name: 'assumptions.json not JSON',
      files: { 'assumptions.json': 'nope' },
      error: { file: 'assumptions.json', line: null, column: null },
    },
  );
  return cases;
}

export const GOOD_BASE = BASE;
