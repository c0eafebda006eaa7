import { describe, expect, it } from 'vitest';
import { normaliseCountry, normaliseDomain } from './transforms.js';

describe('normaliseDomain', () => {
  it('reduces URLs, e-mail addresses and hosts to the bare domain', () => {
    expect(normaliseDomain('https://www.Example.com/path')).toBe('example.com');
    expect(normaliseDomain('http://shop.example.co.uk:8080/a?b=c#d')).toBe('shop.example.co.uk');
    expect(normaliseDomain('Example.COM.')).toBe('example.com');
    expect(normaliseDomain('www2.example.org')).toBe('example.org');
    expect(normaliseDomain('sales@example.net')).toBe('example.net');
    expect(normaliseDomain('  example.com/contact  ')).toBe('example.com');
  });

  it('encodes international names in punycode', () => {
    expect(normaliseDomain('https://bücher.de')).toBe('xn--bcher-kva.de');
  });

  it('returns undefined for text that is not a domain', () => {
    expect(normaliseDomain('n/a')).toBeUndefined();
    expect(normaliseDomain('localhost')).toBeUndefined();
    expect(normaliseDomain('not a website')).toBeUndefined();
    expect(normaliseDomain('')).toBeUndefined();
  });
});

describe('normaliseCountry', () => {
  it('maps names and codes to ISO 3166-1 alpha-2', () => {
    expect(normaliseCountry('Germany')).toBe('DE');
    expect(normaliseCountry('united states')).toBe('US');
    expect(normaliseCountry('USA')).toBe('US');
    expect(normaliseCountry('fr')).toBe('FR');
    expect(normaliseCountry('United Kingdom')).toBe('GB');
  });

  it('keeps unrecognised text as it is', () => {
    expect(normaliseCountry(' Atlantis ')).toBe('Atlantis');
    expect(normaliseCountry('European Union')).toBe('European Union');
  });
});
