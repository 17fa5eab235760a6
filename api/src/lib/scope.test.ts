import { describe, expect, it } from 'vitest';
import { formatScope, parseScope } from './scope';

describe('parseScope', () => {
  it('reads each form and prints it back', () => {
    for (const text of ['company', 'segment:S1', 'manager:E004', 'employee:E006']) {
      expect(formatScope(parseScope(text))).toBe(text);
    }
    expect(parseScope(undefined)).toEqual({ kind: 'company' });
    expect(parseScope('segment:Kyiv SMB')).toEqual({ kind: 'segment', id: 'Kyiv SMB' });
  });
  it('rejects unknown kinds and empty ids', () => {
    for (const bad of ['team:1', 'segment:', 'employee', 'Company']) {
      expect(() => parseScope(bad)).toThrow(/scope must be/);
    }
  });
});
