/** A scorecard as a PDF, drawn with pdfkit from the same view model as the HTML page (not a rendering of it). */
import PDFDocument from 'pdfkit';
import type { ScorecardSection } from '../../mapping/index.js';
import { SECTION_EMPTY, SECTION_TITLES } from './partner-words.js';
import type { Scorecard } from './view-model.js';

/** A4 with 2 cm margins. Helvetica is one of the PDF's built-in fonts: nothing to embed or ship. */
const PAGE = { size: 'A4', margin: 56 } as const;
const INK = '#1d2330';
const MUTED = '#5b6475';
const ACCENT = '#1a56db';
/** Points between a list item's bullet and its text. */
const BULLET_INDENT = 12;

function lines(card: Scorecard, section: ScorecardSection): { title?: string; text: string }[] {
  switch (section) {
    case 'segments':
      return (card.segments ?? []).map((s) => ({ text: s.sentence }));
    case 'evidence':
      return (card.evidence ?? []).map((e) => ({ title: e.area, text: e.sentence }));
    case 'benefits':
      return (card.benefits ?? []).map((b) => ({ title: b.name, text: b.value }));
    case 'nextLevel':
      return (card.nextLevel ?? []).map((n) => ({ text: n.sentence }));
    case 'support':
      return (card.support ?? []).map((s) => ({
        title: s.areas ? `${s.label} ${s.areas}` : s.label,
        text: s.sentence,
      }));
    case 'trend':
      return (card.trend ?? []).map((t) => ({ text: t.sentence }));
  }
}

/**
 * The scorecard's PDF. `compress: false` leaves the page streams readable (tests look for the text).
 * @example res.type('pdf').send(await renderScorecardPdf(card));
 */
export function renderScorecardPdf(card: Scorecard, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    ...PAGE,
    compress: options.compress ?? true,
    info: { Title: `Partner scorecard: ${card.partnerName}`, Author: 'Partner Atlas' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.fillColor(MUTED).font('Helvetica').fontSize(9).text('PARTNER SCORECARD', { characterSpacing: 1 });
  doc.moveDown(0.3).fillColor(INK).font('Helvetica-Bold').fontSize(22).text(card.partnerName);
  doc.fillColor(MUTED).font('Helvetica').fontSize(10).text(`As of ${card.asOf}`);
  doc.moveDown(1).fillColor(ACCENT).font('Helvetica-Bold').fontSize(13).text(card.headline);

  for (const section of card.sections) {
    doc.moveDown(1.2).fillColor(INK).font('Helvetica-Bold').fontSize(13).text(SECTION_TITLES[section]);
    doc.moveDown(0.4);
    const items = lines(card, section);
    if (items.length === 0) {
      doc.fillColor(MUTED).font('Helvetica').fontSize(10.5).text(SECTION_EMPTY[section]);
      continue;
    }
    for (const item of items) {
      if (item.title) doc.fillColor(INK).font('Helvetica-Bold').fontSize(10.5).text(item.title);
      doc.fillColor(INK).font('Helvetica').fontSize(10.5);
      // A hanging indent: the bullet (or nothing under a title) in the margin, the text's lines aligned beside it.
      const left = PAGE.margin;
      // Explicit positions do not break pages by themselves: start an item that would not fit on the next page.
      if (doc.y > doc.page.height - PAGE.margin - 3 * doc.currentLineHeight()) doc.addPage();
      const top = doc.y;
      if (!item.title) doc.text('•', left, top);
      doc.text(item.text, left + BULLET_INDENT, top, { width: doc.page.width - 2 * left - BULLET_INDENT });
      doc.x = left;
      doc.moveDown(0.3);
    }
  }
  doc
    .moveDown(2)
    .fillColor(MUTED)
    .font('Helvetica')
    .fontSize(9)
    .text(
      `Prepared for ${card.partnerName} by its partner manager. Questions about these figures? Ask your partner manager.`,
    );
  doc.end();
  return done;
}
