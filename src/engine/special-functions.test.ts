import { describe, expect, it } from 'vitest';
import { logBeta, logGamma, normalCdf } from './special-functions.js';

describe('logGamma', () => {
  it('matches factorials and Γ(½) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 10);
  });
  it('gives ln B(a, b) = ln(1/(a·C(a+b-1, b-1))) for whole numbers', () => {
    // B(2, 3) = 1/12
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 12);
  });
});

describe('normalCdf', () => {
  it('is ½ at 0, symmetric, and matches tabulated values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(1 - normalCdf(1), 7);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });
});
