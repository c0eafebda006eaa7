/** A small XML reader and writer for the SOAP envelopes jsforce sends (elements, text, attributes, entities). */

/** One element: local name (prefix dropped), attributes, child elements and text. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/** Parses a document into its root element; throws on malformed input. */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const re =
    /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) {
    const top = stack[stack.length - 1] as XmlElement;
    if (m[1] !== undefined) top.text += m[1];
    else if (m[6] !== undefined) top.text += decode(m[6]);
    else if (m[3] !== undefined) {
      if (m[2] === '/') {
        if (stack.length <= 1 || top.name !== localName(m[3])) throw new Error(`unexpected </${m[3]}>`);
        stack.pop();
        continue;
      }
      const attrs: Record<string, string> = {};
      for (const a of (m[4] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        attrs[a[1] as string] = decode(a[2] ?? a[3] ?? '');
      }
      const el: XmlElement = { name: localName(m[3]), attrs, children: [], text: '' };
      top.children.push(el);
      if (m[5] !== '/') stack.push(el);
    }
  }
  if (stack.length !== 1) throw new Error('unclosed element');
  const first = root.children[0];
  if (!first) throw new Error('empty document');
  return first;
}

/** First descendant (depth-first) with a local name. */
export function findElement(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) {
    if (c.name === name) return c;
    const deep = findElement(c, name);
    if (deep) return deep;
  }
  return undefined;
}

/**
 * Converts an element to plain JSON: leaves become strings (or null for `xsi:nil`), repeated names
 * become arrays, and names in `arrays` are always arrays.
 */
export function xmlToJson(el: XmlElement, arrays: ReadonlySet<string> = new Set()): unknown {
  if (el.attrs['xsi:nil'] === 'true') return null;
  if (el.children.length === 0) return el.text.trim();
  const out: Record<string, unknown> = {};
  for (const c of el.children) {
    const v = xmlToJson(c, arrays);
    const prev = out[c.name];
    if (prev === undefined) out[c.name] = arrays.has(c.name) ? [v] : v;
    else if (Array.isArray(prev)) prev.push(v);
    else out[c.name] = [prev, v];
  }
  return out;
}

/** Writes JSON as XML elements: arrays repeat the element, null writes `xsi:nil`, objects nest. */
export function jsonToXml(name: string, value: unknown, attrs = ''): string {
  if (Array.isArray(value)) return value.map((v) => jsonToXml(name, v, attrs)).join('');
  if (value === null || value === undefined) return `<${name}${attrs} xsi:nil="true"/>`;
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => jsonToXml(k, v))
      .join('');
    return `<${name}${attrs}>${inner}</${name}>`;
  }
  return `<${name}${attrs}>${escapeXml(String(value))}</${name}>`;
}

/** A SOAP 1.1 envelope around `body`, in the namespace of the API answering. */
export function soapEnvelope(body: string, xmlns: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"' +
    ` xmlns="${xmlns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

/** A SOAP fault, as Salesforce answers errors (`sf:INVALID_SESSION_ID` makes jsforce refresh). */
export function soapFault(code: string, message: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com">' +
    `<soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${escapeXml(`${code}: ${message}`)}</faultstring>` +
    '</soapenv:Fault></soapenv:Body></soapenv:Envelope>'
  );
}
