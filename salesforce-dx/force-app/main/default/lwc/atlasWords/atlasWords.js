// Words shared by the Atlas components: counted nouns and Lightning Data Service errors in plain sentences.

/**
 * "1 scored cell", "3 scored cells".
 * @param {number} n
 * @param {string} singular
 * @param {string} [plural] when adding "s" is wrong
 */
export function count(n, singular, plural = `${singular}s`) {
  return `${n} ${n === 1 ? singular : plural}`;
}

/**
 * One sentence for a wire error. UI API errors carry a body that is an array of { message } or a single
 * { message }; anything else falls back to the error's own message.
 * @param {object | undefined} error
 */
export function errorText(error) {
  const body = error?.body;
  const messages = Array.isArray(body) ? body.map((e) => e?.message) : [body?.message ?? error?.message];
  const said = messages.filter(Boolean).join(' ');
  return said || 'Salesforce did not say why.';
}
