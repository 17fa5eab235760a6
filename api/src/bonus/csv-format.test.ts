import { describe, expect, it } from 'vitest';
import { csvHeader, withDecimalComma } from './csv';

describe('the HR CSV with decimal commas', () => {
  it('writes every number column with a comma and leaves the text columns (first and last) as they are', () => {
    const header = csvHeader(['nps']);
    const record = [
      'E006',
      'Bērziņš, Jānis "JB"',
      'e.006@delight.example',
      'agent',
      'S1',
      '2026-Q1',
      'EUR',
      '2606.55',
      '1.0000',
      '-7.1429',
      '12',
      '0.6781',
      '0.6781',
      '0.6781',
      '1767.57',
      '0.678124',
      '-50.00',
      'approved',
      'user:executive@delight.example',
    ];
    expect(record.length).toBe(header.length);
    expect(withDecimalComma(record)).toEqual([
      'E006',
      'Bērziņš, Jānis "JB"',
      'e.006@delight.example',
      'agent',
      'S1',
      '2026-Q1',
      'EUR',
      '2606,55',
      '1,0000',
      '-7,1429',
      '12',
      '0,6781',
      '0,6781',
      '0,6781',
      '1767,57',
      '0,678124',
      '-50,00',
      // the sign-off columns are text: the approver's e-mail keeps its dots
      'approved',
      'user:executive@delight.example',
    ]);
    // empty cells (a KPI outside the plan) stay empty
    expect(withDecimalComma([...record.slice(0, 9), '', '', '', ''])).toContain('');
  });
});
