// Partner page: the "Partner scorecard" panel: preview, HTML and PDF downloads, and (editors) a share link to copy.
import { api, byId, el, fill, guarded, setStatus } from './api.js';
import { can } from './role.js';

/** Editors and admins create share links. */
const canShare = can('editor');
const panel = byId('scorecard-panel', HTMLElement);
const partnerId = byId('partner', HTMLElement).dataset.partnerId ?? '';
const pagePath = `/partners/${encodeURIComponent(partnerId)}/scorecard`;
const apiPath = `/api/partners/${encodeURIComponent(partnerId)}`;

/** Shows the created link in a read-only field with a copy button. */
function showLink(out, link) {
  const url = new URL(link.url, window.location.origin).href;
  const field = el('input', { id: 'scorecard-url', type: 'text', readonly: true, value: url, class: 'wide' });
  const copy = el(
    'button',
    {
      type: 'button',
      onclick: () =>
        guarded(async () => {
          field.select();
          // The clipboard API needs a secure context (HTTPS or localhost); the selected field is the fallback.
          if (!navigator.clipboard)
            throw new Error('Copying needs HTTPS here: the link is selected, copy it by hand.');
          await navigator.clipboard.writeText(url);
          setStatus('Share link copied.');
        }),
    },
    'Copy link',
  );
  fill(
    out,
    el(
      'label',
      { for: 'scorecard-url' },
      `Share link, valid until ${link.expiresOn}. Anyone with it can read this scorecard, and nothing else.`,
    ),
    el('div', { class: 'toolbar' }, field, copy),
  );
  field.focus();
  field.select();
}

function shareForm() {
  const days = el('input', {
    id: 'scorecard-days',
    name: 'days',
    type: 'number',
    min: '1',
    step: '1',
    inputmode: 'numeric',
  });
  const out = el('div', { id: 'scorecard-link', 'aria-live': 'polite' });
  const form = el(
    'form',
    {
      id: 'scorecard-share',
      class: 'filters',
      onsubmit: (event) => {
        event.preventDefault();
        guarded(async () => {
          const body = days.value === '' ? {} : { days: Number(days.value) };
          showLink(out, await api(`${apiPath}/scorecard-links`, { method: 'POST', body }));
        });
      },
    },
    el(
      'div',
      {},
      el('label', { for: 'scorecard-days' }, 'Link expires after (days; leave empty for the usual length)'),
      days,
    ),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Create share link')),
  );
  return [form, out];
}

async function render() {
  const card = await api(`${apiPath}/scorecard`);
  fill(
    panel,
    el('h2', { id: 'scorecard-title' }, 'Partner scorecard'),
    el('p', {}, `What ${card.partnerName} sees: “${card.headline}”`),
    el(
      'ul',
      { class: 'links' },
      el('li', {}, el('a', { href: pagePath, target: '_blank', rel: 'noopener' }, 'Preview the scorecard')),
      el('li', {}, el('a', { href: `${pagePath}.html`, download: true }, 'Download as HTML')),
      el('li', {}, el('a', { href: `${pagePath}.pdf`, download: true }, 'Download as PDF')),
    ),
    canShare ? shareForm() : el('p', {}, 'Share links are created by editors.'),
  );
}

guarded(render);
