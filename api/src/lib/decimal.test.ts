import { describe, expect, it } from 'vitest';
import { minorUnits, roundFixed, roundMoney } from './decimal';

describe('roundMoney', () => {
  it('rounds half to even at the cent', () => {
    expect(roundMoney('1303.275')).toBe('1303.28');
    expect(roundMoney('1303.265')).toBe('1303.26');
    expect(roundMoney('0.005')).toBe('0.00');
    expect(roundMoney('0.015')).toBe('0.02');
    expect(roundMoney('-2.345')).toBe('-2.34');
    expect(roundMoney('10')).toBe('10.00');
  });
  it('uses the currency minor unit', () => {
    expect(minorUnits('EUR')).toBe(2);
    expect(minorUnits('UAH')).toBe(2);
    expect(minorUnits('JPY')).toBe(0);
    expect(roundMoney('2.5', 'JPY')).toBe('2');
  });
  it('rounds numbers half-even to fixed places', () => {
    expect(roundFixed(-7.142857142857143, 4)).toBe('-7.1429');
    expect(roundFixed(0.12345, 4)).toBe('0.1234');
    expect(roundFixed(1, 4)).toBe('1.0000');
  });
});
