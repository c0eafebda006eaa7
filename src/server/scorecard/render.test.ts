import { describe, expect, it } from 'vitest';
import { renderLinkNotice, renderScorecardHtml } from './render-html.js';
import { renderScorecardPdf } from './render-pdf.js';
import type { Scorecard } from './view-model.js';

const card: Scorecard = {
  partnerName: 'Acme Health <Ltd>',
  asOf: '30 June 2025',
  headline: 'You are a Specialist partner in Healthcare × Data & AI.',
  sections: ['segments', 'evidence'],
  segments: [
    {
      area: 'Healthcare × Data & AI',
      level: 'Specialist',
      sentence: 'You are a Specialist partner in Healthcare × Data & AI.',
    },
  ],
  evidence: [
    {
      area: 'Healthcare × Data & AI',
      wonCustomers: 4,
      certifiedPeople: 1,
      certifications: 2,
      sentence: '4 won customers, 1 certified person and 2 active certifications.',
    },
  ],
};

/**
 * The text of an uncompressed PDF's pages: each `[<hex> kerning <hex> …] TJ` run joined, a line per run.
 * (Built-in fonts draw WinAnsi bytes, written as hex strings split wherever kerning applies.)
 */
function pdfText(pdf: Buffer): string {
  return pdf
    .toString('latin1')
    .split('\n')
    .filter((line) => line.endsWith('TJ'))
    .map((line) =>
      [...line.matchAll(/<([0-9a-f]*)>/g)]
        .map((m) => Buffer.from(m[1] ?? '', 'hex').toString('latin1'))
        .join(''),
    )
    .join('\n');
}

describe('scorecard renderings', () => {
  it('renders a page with only the sections present, escaped, styled by the stylesheet asset', () => {
    const html = renderScorecardHtml(card, { style: 'link', pdfHref: '/scorecard/t.pdf' });
    expect(html).toContain('<h1>Acme Health &lt;Ltd&gt;</h1>');
    expect(html).toContain('Your levels');
    expect(html).toContain('What your levels rest on');
    expect(html).not.toContain('Your next level');
    expect(html).not.toContain('Support you can ask for');
    expect(html).toContain('<link rel="stylesheet" href="/assets/scorecard.css">');
    expect(html).not.toMatch(/<script|<nav|style=/);
  });

  it('embeds the stylesheet in the downloaded file, which has no server behind it', () => {
    const html = renderScorecardHtml(card, { style: 'embed' });
    expect(html).toMatch(/<style>[\s\S]*\.scorecard \{/);
    expect(html).not.toContain('/assets/');
  });

  it('draws a valid PDF with the partner name and the sections present', async () => {
    const pdf = await renderScorecardPdf(card, { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    const text = pdfText(pdf);
    expect(text).toContain('Acme Health <Ltd>');
    expect(text).toContain('What your levels rest on');
    expect(text).toContain('4 won customers, 1 certified person and 2 active certifications.');
    expect(text).not.toContain('Support you can ask for');
  });

  it('tells a person what to do when a link has expired', () => {
    expect(renderLinkNotice('expired')).toContain(
      'This scorecard link has expired; ask your partner manager for a new one.',
    );
  });
});
