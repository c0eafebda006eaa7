/** A scorecard as a stand-alone HTML page (no admin navigation, no script), and the page a dead share link shows. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScorecardSection } from '../../mapping/index.js';
import { escapeHtml } from '../pages/html.js';
import { SECTION_EMPTY, SECTION_TITLES } from './partner-words.js';
import type { Scorecard } from './view-model.js';

/** The stylesheet, served as `/assets/scorecard.css` (the CSP allows no inline style on served pages). */
const STYLESHEET_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'scorecard.css');
const STYLESHEET_HREF = '/assets/scorecard.css';

export interface HtmlOptions {
  /**
   * `link`: the served page, styled by `/assets/scorecard.css`; `embed`: the downloaded file, which must
   * read the same with no server behind it, so the stylesheet goes inside.
   */
  style: 'link' | 'embed';
  /** Where the PDF of the same scorecard is, when it is offered. */
  pdfHref?: string;
}

function head(title: string, style: HtmlOptions['style']): string {
  const css =
    style === 'embed'
      ? `<style>\n${readFileSync(STYLESHEET_FILE, 'utf8')}</style>`
      : `<link rel="stylesheet" href="${STYLESHEET_HREF}">`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
${css}
</head>`;
}

const list = (items: readonly string[]) => `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;

function sectionBody(card: Scorecard, section: ScorecardSection): string {
  const empty = `<p class="empty">${escapeHtml(SECTION_EMPTY[section])}</p>`;
  switch (section) {
    case 'segments':
      return card.segments?.length ? list(card.segments.map((s) => escapeHtml(s.sentence))) : empty;
    case 'evidence':
      if (!card.evidence?.length) return empty;
      // The table scrolls inside its box on a phone instead of widening the page.
      return `<div class="table-scroll"><table><caption class="sr-only">Counts behind each level</caption>
<thead><tr><th scope="col">Area</th><th scope="col" class="n">Won customers</th><th scope="col" class="n">Certified people</th><th scope="col" class="n">Active certifications</th></tr></thead>
<tbody>${card.evidence
        .map(
          (e) =>
            `<tr><th scope="row">${escapeHtml(e.area)}</th><td class="n">${e.wonCustomers}</td><td class="n">${e.certifiedPeople}</td><td class="n">${e.certifications}</td></tr>`,
        )
        .join('')}</tbody></table></div>`;
    case 'benefits':
      return card.benefits?.length
        ? list(card.benefits.map((b) => `<strong>${escapeHtml(b.name)}</strong>: ${escapeHtml(b.value)}`))
        : empty;
    case 'nextLevel':
      return card.nextLevel?.length ? list(card.nextLevel.map((n) => escapeHtml(n.sentence))) : empty;
    case 'support':
      return card.support?.length
        ? list(
            card.support.map(
              (s) =>
                `<strong>${escapeHtml(s.label)}</strong>${s.areas ? ` ${escapeHtml(s.areas)}` : ''}: ${escapeHtml(s.sentence)}`,
            ),
          )
        : empty;
    case 'trend':
      return card.trend?.length ? list(card.trend.map((t) => escapeHtml(t.sentence))) : empty;
  }
}

/** The scorecard page: the partner's name, the headline, then each section present in the card. */
export function renderScorecardHtml(card: Scorecard, options: HtmlOptions): string {
  const sections = card.sections
    .map(
      (s) =>
        `<section aria-labelledby="sc-${s}"><h2 id="sc-${s}">${escapeHtml(SECTION_TITLES[s])}</h2>\n${sectionBody(card, s)}</section>`,
    )
    .join('\n');
  const pdf = options.pdfHref
    ? `<p class="actions"><a href="${escapeHtml(options.pdfHref)}" download>Download as PDF</a></p>`
    : '';
  return `${head(`${card.partnerName} — partner scorecard`, options.style)}
<body>
<main class="scorecard">
<header>
<p class="eyebrow">Partner scorecard</p>
<h1>${escapeHtml(card.partnerName)}</h1>
<p class="as-of">As of ${escapeHtml(card.asOf)}</p>
</header>
<p class="headline">${escapeHtml(card.headline)}</p>
${sections}
<footer>${pdf}<p>Prepared for ${escapeHtml(card.partnerName)} by its partner manager. Questions about these figures? Ask your partner manager.</p></footer>
</main>
</body>
</html>`;
}

/** Why a share link shows no scorecard. */
export type LinkNotice = 'expired' | 'invalid' | 'unavailable';

const NOTICES: Record<LinkNotice, string> = {
  expired: 'This scorecard link has expired; ask your partner manager for a new one.',
  invalid:
    'This scorecard link is not valid; check that it was copied whole, or ask your partner manager for a new one.',
  unavailable: 'This scorecard cannot be shown right now; try again later, or ask your partner manager.',
};

/** What a link that opens no scorecard shows: a sentence for a person, never the reason's internals. */
export function renderLinkNotice(reason: LinkNotice): string {
  const text = NOTICES[reason];
  return `${head('Partner scorecard', 'link')}
<body>
<main class="notice">
<h1>Partner scorecard</h1>
<p>${escapeHtml(text)}</p>
</main>
</body>
</html>`;
}
