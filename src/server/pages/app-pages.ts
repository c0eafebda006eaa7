/** The bodies of the admin pages: accessible skeletons (labels, landmarks, real buttons) that the page modules fill from the API. */
import { escapeHtml } from './html.js';

export interface PageSpec {
  title: string;
  script: string;
  charts?: boolean;
  /** Load the graph library (the Teaming page's network view). */
  network?: boolean;
  body: string;
}

export const MAP_PAGE: PageSpec = {
  title: 'Ecosystem map',
  script: 'map-page.js',
  charts: true,
  body: `
<section id="priorities-section" aria-labelledby="priorities-title">
  <h2 id="priorities-title">Where one more Specialist would serve the most unmet demand</h2>
  <p id="priorities-lead">Unmet demand: the deals of a cell (closed within the demand window, plus open pipeline) that its qualified partners cannot serve.</p>
  <table class="data" id="priorities"><caption class="sr-only">Cells ranked by the unmet demand one more partner at the top level would serve</caption>
    <thead><tr><th scope="col">#</th><th scope="col">Cell</th><th scope="col">One more would serve (deals)</th><th scope="col">Unmet demand</th><th scope="col">Qualified partners</th><th scope="col">Flags</th></tr></thead>
    <tbody></tbody></table>
</section>
<h2>The map</h2>
<form id="map-filters" class="filters" aria-label="What the map shows">
  <div><label for="f-map-region">Region</label><select id="f-map-region" name="region"></select></div>
  <div><label for="f-map-level">Count per cell</label><select id="f-map-level" name="level"></select></div>
  <div><label for="f-map-flag">Highlight</label><select id="f-map-flag" name="flag"></select></div>
</form>
<p class="lead">Each cell: Specialists (the top level) and coverage of demand. Marks: <span class="flag flag-gap">gap</span>
(unmet demand of at least an average cell's demand, and low coverage)
<span class="flag flag-saturated">saturated</span> (capacity well above demand, two or more qualified partners)
<span class="flag flag-single-point-of-failure">single point of failure</span>.
Colour = coverage of demand: red below 0.5, amber below 1, green covered, blue more than 3×, grey no demand.
Select a cell to see its partners.</p>
<div class="scroll" id="map"></div>
<section id="cell-detail" aria-live="polite" hidden>
  <h2 id="cell-title" tabindex="-1"></h2>
  <p id="cell-figures"></p>
  <table class="data" id="cell-partners"><caption class="sr-only">Partners in the cell, ranked</caption>
    <thead><tr><th scope="col">#</th><th scope="col">Partner</th><th scope="col">Level</th><th scope="col">Score</th><th scope="col">Confidence</th><th scope="col">Country</th></tr></thead>
    <tbody></tbody></table>
  <section id="gap-fill" hidden><h3>Filling the gap</h3>
    <h4>Closest to the top level</h4>
    <table class="data" id="gap-closest"><caption class="sr-only">Partners closest to the top level in the cell, and what each lacks</caption>
      <thead><tr><th scope="col">Partner</th><th scope="col">Level</th><th scope="col">Score</th><th scope="col">What is missing</th></tr></thead>
      <tbody></tbody></table>
    <h4>Split teams that could cover it today</h4>
    <ul id="gap-teams"></ul>
  </section>
</section>
<section><h2>Demand and capacity per sector</h2><div class="chart"><canvas id="sector-chart" aria-label="Demand and capacity per sector" role="img"></canvas></div></section>`,
};

export const PARTNERS_PAGE: PageSpec = {
  title: 'Partners',
  script: 'partners-page.js',
  body: `
<form id="filters" class="filters" role="search">
  <div><label for="f-q">Search</label><input id="f-q" name="q" type="search" placeholder="Name or domain"></div>
  <div><label for="f-segment">Segment</label><select id="f-segment" name="segment"><option value="">Any</option></select></div>
  <div><label for="f-level">Level</label><select id="f-level" name="level"><option value="">Any</option></select></div>
  <div><label for="f-need">Need</label><select id="f-need" name="need"><option value="">Any</option></select></div>
  <div><label for="f-sector">Sector</label><select id="f-sector" name="sector"><option value="">Any</option></select></div>
  <div><label for="f-technology">Technology</label><select id="f-technology" name="technology"><option value="">Any</option></select></div>
  <div><label for="f-country">Country</label><select id="f-country" name="country"><option value="">Any</option></select></div>
  <div class="actions"><button type="submit">Filter</button> <button type="reset">Clear</button></div>
</form>
<p id="count"></p>
<div class="scroll"><table class="data" id="partners"><caption class="sr-only">Partners</caption>
<thead><tr><th scope="col">Partner</th><th scope="col">Primary segment</th><th scope="col">Top score</th><th scope="col">Segments</th><th scope="col">Needs</th><th scope="col">Country</th><th scope="col">Legacy tier</th></tr></thead>
<tbody></tbody></table></div>
<div class="pager"><button type="button" id="prev">Previous</button> <button type="button" id="next">Next</button></div>`,
};

export function partnerPage(id: string): PageSpec {
  return {
    title: 'Partner',
    script: 'partner-page.js',
    charts: true,
    body: `
<div id="partner" data-partner-id="${escapeHtml(id)}">
  <div class="columns">
    <section><h2 id="partner-name">…</h2><dl id="partner-facts" class="facts"></dl></section>
    <section><h2>Segments</h2><ul id="segments" class="chips"></ul>
      <h2>Needs</h2><ul id="needs"></ul>
      <div id="benefits-section" hidden><h2>Benefits</h2><dl id="benefits" class="facts"></dl></div></section>
  </div>
  <section><h2>Expertise</h2><div id="expertise" class="scroll"></div></section>
  <div class="columns">
    <section id="co-delivery"><h2>Co-delivery</h2><p id="co-delivery-summary">…</p><ul id="co-delivery-partners"></ul></section>
    <section id="teammates"><h2>Suggested teammates</h2><ol id="teammates-list"></ol></section>
  </div>
  <section id="skill-sharing"><h2>Skill sharing</h2>
    <div class="columns"><div><h3>Could learn from</h3><ul id="learn-from"></ul></div>
    <div><h3>Could mentor</h3><ul id="teach"></ul></div></div></section>
  <section><h2>Score history</h2><div id="history-charts" class="small-charts"></div></section>
  <section id="overrides-section"><h2>Overrides</h2><ul id="overrides-in-force"></ul>
    <details class="fold"><summary id="overrides-past-count">Past overrides</summary><ul id="overrides-past"></ul></details></section>
  <section><h2>Scores per cell</h2><div id="cells"></div></section>
  <section id="scorecard-panel" aria-labelledby="scorecard-title"><h2 id="scorecard-title">Partner scorecard</h2></section>
</div>
<script type="module" src="/assets/scorecard-share.js"></script>`,
  };
}

export const MATCH_PAGE: PageSpec = {
  title: 'Match',
  script: 'match-page.js',
  body: `
<form id="match-form" class="filters">
  <div><label for="m-sector">Customer sector</label><select id="m-sector" name="sector"><option value="">Any</option></select></div>
  <fieldset><legend>Technologies</legend><div id="m-technologies" class="checks"></div></fieldset>
  <div><label for="m-region">Region (optional)</label><select id="m-region" name="region"><option value="">Any</option></select></div>
  <div class="actions"><button type="submit">Find partners</button></div>
</form>
<p id="match-summary" aria-live="polite"></p>
<section id="teams-section" hidden><h2>Teams</h2>
<p class="lead" id="teams-lead"></p>
<ol id="teams" class="teams"></ol></section>
<section id="matches-section"><h2>Single partners</h2><ol id="matches" class="matches"></ol></section>`,
};

export const RUNS_PAGE: PageSpec = {
  title: 'Runs',
  script: 'runs-page.js',
  charts: true,
  body: `
<form id="start-run" class="filters">
  <div class="check"><input type="checkbox" id="r-full" name="full"><label for="r-full">Read every record again (not only what changed since the last run)</label></div>
  <div class="actions">
    <button type="submit" name="mode" value="run">Start run</button>
    <button type="submit" name="mode" value="dry">Start dry run</button>
  </div>
</form>
<section id="live" hidden aria-live="polite"><h2>Progress</h2><p id="live-status"></p><ol id="live-events" class="events"></ol></section>
<section><h2>History</h2><div class="chart"><canvas id="runs-chart" role="img" aria-label="Figures of recent runs"></canvas></div>
<div class="scroll"><table class="data" id="runs"><caption class="sr-only">Runs, newest first</caption>
<thead><tr><th scope="col">Run</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col">Figures</th><th scope="col">Details</th></tr></thead>
<tbody></tbody></table></div></section>
<section id="run-detail" hidden><h2 id="run-title" tabindex="-1"></h2>
  <p id="run-dry"></p>
  <h3>Scores</h3><ul id="run-headline" class="headline"></ul>
  <h3>Figures</h3><dl id="run-figures" class="facts"></dl>
  <h3>Per CRM: records read, schema drift, write-back failures and drift</h3><div id="run-systems"></div>
  <h3>What changed since the last run</h3><div id="run-changes"></div>
  <details class="fold"><summary><h3>Events</h3></summary><ol id="run-events" class="events"></ol></details>
  <details class="fold"><summary><h3>Record issues</h3></summary><div id="run-issues"></div></details>
</section>
<section><h2>Write-back failures (retried next run)</h2><div id="write-failures"></div></section>`,
};

export const MAPPINGS_PAGE: PageSpec = {
  title: 'Mappings',
  script: 'mappings-page.js',
  body: `
<div class="toolbar">
  <label for="file">File</label>
  <select id="file"></select>
  <span id="validity" role="status" aria-live="polite"></span>
</div>
<div class="editor-layout">
  <div>
    <div class="editor">
      <pre class="gutter" id="gutter" aria-hidden="true"></pre>
      <textarea id="yaml" spellcheck="false" aria-describedby="problems-title" aria-label="Mapping YAML"></textarea>
    </div>
    <h2 id="problems-title">Problems</h2>
    <ul id="problems" class="problems"></ul>
    <div class="actions">
      <button type="button" id="preview">Preview</button>
      <button type="button" id="save">Save</button>
      <button type="button" id="revert">Discard edits</button>
    </div>
  </div>
  <aside aria-labelledby="picker-title">
    <h2 id="picker-title">Field picker</h2>
    <label for="picker-object">CRM object</label>
    <select id="picker-object"></select>
    <label for="picker-filter">Filter fields</label>
    <input id="picker-filter" type="search">
    <ul id="picker-fields" class="picker"></ul>
    <h2>History</h2>
    <ul id="history"></ul>
  </aside>
</div>
<section id="preview-out" hidden aria-live="polite"><h2 tabindex="-1" id="preview-title">Preview</h2><div id="preview-entities"></div>
<h3>Write-back dry run</h3><div id="preview-writeback"></div></section>`,
};

export const TEAMING_PAGE: PageSpec = {
  title: 'Teaming',
  script: 'teaming-page.js',
  network: true,
  body: `
<p class="lead">Partners that co-delivered won deals (several partners on one won deal). Line width = shared won deals;
node size = won deals shared with anyone. Point at a partner to see its name and its co-delivery partners; the table below lists the same pairs.</p>
<form id="teaming-form" class="filters">
  <div><label for="t-sector">Sector</label><select id="t-sector" name="sector"><option value="">Any</option></select></div>
  <div><label for="t-technology">Technology</label><select id="t-technology" name="technology"><option value="">Any</option></select></div>
  <div class="actions"><button type="submit">Show network</button></div>
</form>
<p id="network-summary"></p>
<div id="network" class="network" role="img" aria-label="Co-delivery network; the table below lists the same pairs"></div>
<p id="network-selected" aria-live="polite"></p>
<section><h2>Co-delivering pairs</h2>
<div class="scroll"><table class="data" id="network-table"><caption class="sr-only">Pairs of partners that shared won deals, most shared first</caption>
<thead><tr><th scope="col">Partner</th><th scope="col">Partner</th><th scope="col">Shared won deals</th><th scope="col">Cells</th><th scope="col">Last won</th></tr></thead>
<tbody></tbody></table></div>
<div class="pager" id="pairs-pager"><button type="button" id="pairs-prev">Previous</button> <span id="pairs-page"></span> <button type="button" id="pairs-next">Next</button></div></section>`,
};

export const REVIEWS_PAGE: PageSpec = {
  title: 'Reviews',
  script: 'reviews-page.js',
  body: `
<p class="lead" id="reviews-lead"></p>
<section aria-labelledby="pending-title"><h2 id="pending-title">Waiting for a decision</h2>
<div class="scroll"><table class="data" id="pending"><caption class="sr-only">Demotions waiting for a decision, oldest first</caption>
<thead><tr><th scope="col">Partner</th><th scope="col">Cell</th><th scope="col">Change</th><th scope="col">Found</th><th scope="col">Applies anyway</th><th scope="col">Decision</th></tr></thead>
<tbody></tbody></table></div></section>
<section aria-labelledby="decided-title"><h2 id="decided-title">Decided</h2>
<div class="scroll"><table class="data" id="decided"><caption class="sr-only">Decided demotions, newest first</caption>
<thead><tr><th scope="col">Partner</th><th scope="col">Cell</th><th scope="col">Change</th><th scope="col">Outcome</th><th scope="col">Decided by</th><th scope="col">Note</th></tr></thead>
<tbody></tbody></table></div></section>`,
};
