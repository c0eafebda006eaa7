/**
 * The small in-place form of a programme decision (pin, exclude, keep a level): optional leading fields, a
 * required reason and an optional last day, a submit and a Cancel that empties `slot`.
 */
import { el, fill, guarded } from './api.js';

/**
 * Shows the form in `slot` and focuses the reason; `submit` gets the reason and the last day ('' for none).
 * @param {{ key: string, label: string, submitText: string, slot: HTMLElement, leading?: Node[],
 *   submit: (values: { reason: string, until: string }) => Promise<void> }} options
 */
export function openDecisionForm({ key, label, submitText, slot, leading = [], submit }) {
  const reason = el('input', { id: `${key}-reason`, name: 'reason', required: true, maxlength: 500 });
  const until = el('input', {
    id: `${key}-until`,
    name: 'until',
    type: 'date',
    min: new Date().toISOString().slice(0, 10),
  });
  const form = el(
    'form',
    { class: 'filters decision-form', 'aria-label': label },
    ...leading,
    el('div', {}, el('label', { for: reason.id }, 'Reason'), reason),
    el('div', {}, el('label', { for: until.id }, 'Until (optional)'), until),
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'submit' }, submitText),
      el('button', { type: 'button', onclick: () => fill(slot) }, 'Cancel'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    guarded(() => submit({ reason: reason.value, until: until.value }));
  });
  fill(slot, form);
  reason.focus();
}
