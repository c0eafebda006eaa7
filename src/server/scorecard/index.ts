/** Partner scorecards: the view model, its HTML and PDF renderings, signed share links, and their routes. */
export {
  LINK_SECRET_MIN_LENGTH,
  linkSigningKey,
  signScorecardLink,
  verifyScorecardLink,
} from './link-token.js';
export { renderLinkNotice, renderScorecardHtml } from './render-html.js';
export { renderScorecardPdf } from './render-pdf.js';
export { registerScorecardApi, type ScorecardDeps, scorecardPages } from './routes.js';
export { buildScorecard, type Scorecard, type ScorecardInput, ScorecardSchema } from './view-model.js';
