import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from './csv.js';

describe('CSV', () => {
  it('parses quoted cells with commas, doubled quotes and line breaks, LF or CRLF', () => {
    const text = '"Id","Name","Note"\n"001","Acme, Inc.","said ""hi""\nthen left"\r\n"002","",""\n';
    expect(parseCsv(text)).toEqual([
      ['Id', 'Name', 'Note'],
      ['001', 'Acme, Inc.', 'said "hi"\nthen left'],
      ['002', '', ''],
    ]);
  });

  it('quotes every cell, and round-trips what it wrote', () => {
    const cells = ['a;b', 'x "y"', 'line\nbreak', ''];
    expect(toCsv([cells])).toBe('"a;b","x ""y""","line\nbreak",""\n');
    expect(parseCsv(toCsv([cells]))).toEqual([cells]);
  });
});
