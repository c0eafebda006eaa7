/** Text transforms a mapping can apply before casting: web domains, country codes, letter case. */
import { domainToASCII } from 'node:url';

export const TRANSFORM_NAMES = ['domain', 'country', 'lowercase', 'uppercase'] as const;
export type TransformName = (typeof TRANSFORM_NAMES)[number];

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//;
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

/**
 * The bare registrable host of a URL, e-mail address or domain, lower case, without `www.`,
 * scheme, port or path; internationalised names in punycode. Undefined when it is not a domain.
 * @example normaliseDomain('https://www.Example.com/path') // 'example.com'
 */
export function normaliseDomain(text: string): string | undefined {
  let host = text.trim().toLowerCase();
  host = host.replace(SCHEME, '');
  const at = host.lastIndexOf('@');
  const slash = host.search(/[/?#]/);
  if (at >= 0 && (slash < 0 || at < slash)) host = host.slice(at + 1);
  const end = host.search(/[/?#:\s]/);
  if (end >= 0) host = host.slice(0, end);
  host = host.replace(/\.$/, '').replace(/^www\d*\./, '');
  if (host === '') return undefined;
  const ascii = domainToASCII(host);
  return DOMAIN.test(ascii) ? ascii : undefined;
}

let countryIndex: Map<string, string> | undefined;

// Common names Intl.DisplayNames does not produce.
const COUNTRY_ALIASES: Record<string, string> = {
  usa: 'US',
  'united states of america': 'US',
  'u.s.': 'US',
  'u.s.a.': 'US',
  uk: 'GB',
  'u.k.': 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  holland: 'NL',
  'the netherlands': 'NL',
  'south korea': 'KR',
  'korea, republic of': 'KR',
  russia: 'RU',
  'czech republic': 'CZ',
  uae: 'AE',
  'viet nam': 'VN',
  türkiye: 'TR',
  turkey: 'TR',
};

// Region codes CLDR names that are not countries.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ']);

function buildCountryIndex(): Map<string, string> {
  const index = new Map<string, string>();
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b;
      const name = names.of(code);
      if (name === undefined || name === code || NOT_COUNTRIES.has(code)) continue;
      // Deprecated codes (UK, DD, YU…) canonicalise to their successor; they are not ISO 3166-1 codes.
      if (Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) continue;
      index.set(code.toLowerCase(), code);
      index.set(name.toLowerCase(), code);
    }
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) index.set(alias, code);
  return index;
}

/** ISO 3166-1 alpha-2 code of a country name or code; the trimmed text itself when unrecognised. */
export function normaliseCountry(text: string): string {
  countryIndex ??= buildCountryIndex();
  const trimmed = text.trim();
  return countryIndex.get(trimmed.toLowerCase()) ?? trimmed;
}

/** Whether `code` is an ISO 3166-1 alpha-2 country code, upper case (`DE`, not `de` or `Germany`). */
export function isCountryCode(code: string): boolean {
  countryIndex ??= buildCountryIndex();
  return /^[A-Z]{2}$/.test(code) && countryIndex.get(code.toLowerCase()) === code;
}

/** Applies a transform to text; undefined when the text cannot be transformed (only `domain` can fail). */
export function applyTransform(name: TransformName, text: string): string | undefined {
  switch (name) {
    case 'domain':
      return normaliseDomain(text);
    case 'country':
      return normaliseCountry(text);
    case 'lowercase':
      return text.toLowerCase();
    case 'uppercase':
      return text.toUpperCase();
  }
}
