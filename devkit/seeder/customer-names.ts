/** Names, web domains and countries of the vendor's end customers (the Accounts / companies deals are sold to). */
import { pickBy } from '../seeded-random.js';

const PLACES = [
  'Northwind',
  'Contoso',
  'Fabrikam',
  'Lakeside',
  'Riverbend',
  'Hillcrest',
  'Bayview',
  'Oakridge',
  'Pinecrest',
  'Westfield',
  'Eastgate',
  'Southport',
  'Clearwater',
  'Brookhaven',
  'Fairview',
  'Greenfield',
  'Highland',
  'Kingsbridge',
  'Maplewood',
  'Stonebridge',
  'Redwood',
  'Silverlake',
  'Ashford',
  'Elmstead',
  'Larkspur',
  'Marlow',
  'Thornbury',
  'Wexford',
  'Alder',
  'Brightwater',
];

/** Nouns that make a customer name sound like its sector, by the sector's key (a generic list otherwise). */
const SECTOR_NOUNS: Record<string, readonly string[]> = {
  financial_services: ['Bank', 'Capital', 'Insurance', 'Savings & Loan', 'Asset Management', 'Mutual'],
  healthcare: ['Health', 'Hospital', 'Clinic', 'Pharma', 'Medical Center', 'Biosciences'],
  public_sector: ['County Council', 'City Authority', 'Ministry of Works', 'Public Agency', 'Municipality'],
  education: ['University', 'College', 'Academy', 'School District', 'Research Institute'],
  nonprofit: ['Foundation', 'Trust', 'Relief Fund', 'Society', 'Charity'],
  manufacturing: ['Manufacturing', 'Industries', 'Machine Works', 'Plastics', 'Components', 'Motors'],
  retail_consumer: ['Retail', 'Outfitters', 'Stores', 'Brands', 'Market', 'Apparel'],
  agriculture_food: ['Farms', 'Foods', 'Dairy', 'Growers', 'Beverages', 'Harvest'],
  energy_utilities: ['Energy', 'Power', 'Utilities', 'Water', 'Renewables', 'Mining'],
  telecom_media: ['Telecom', 'Media', 'Broadcasting', 'Studios', 'Networks', 'Publishing'],
  technology: ['Software', 'Technologies', 'Data Systems', 'Semiconductors', 'Digital'],
  transport_logistics: ['Logistics', 'Freight', 'Airlines', 'Shipping', 'Rail', 'Transport'],
  travel_hospitality: ['Hotels', 'Resorts', 'Travel', 'Leisure', 'Restaurants', 'Cruises'],
  professional_services: ['Law', 'Accounting', 'Advisors', 'Staffing', 'Consultancy', 'Agency'],
  construction_real_estate: ['Construction', 'Builders', 'Properties', 'Realty', 'Engineering', 'Homes'],
};
const GENERIC_NOUNS = ['Holdings', 'Group', 'Corporation', 'Enterprises', 'Company', 'International'];

/** Customer countries by partner region (the generator's regions), as English names; the US weighs thrice. */
const COUNTRIES_BY_REGION: Readonly<Record<string, readonly string[]>> = {
  EMEA: ['Germany', 'France', 'United Kingdom', 'Netherlands', 'Sweden', 'Spain', 'Italy', 'Switzerland'],
  'North America': ['United States', 'United States', 'United States', 'Canada'],
  APAC: ['Australia', 'Japan', 'India', 'Singapore'],
  LATAM: ['Brazil', 'Mexico', 'Argentina', 'Chile'],
};
const COUNTRIES = Object.values(COUNTRIES_BY_REGION).flat();

/** Percent of customers outside their partner's region: cross-border deals. */
const CROSS_BORDER_PERCENT = 15;

const slugOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const PLACE_SLUGS = PLACES.map(slugOf);
const NOUN_SLUGS = new Map(
  [...Object.values(SECTOR_NOUNS).flat(), ...GENERIC_NOUNS].map((noun) => [noun, slugOf(noun)] as const),
);

/** A customer's name and domain from its ordinal (unique once the word pairs run out) and a hash. */
export function customerIdentity(
  sectorKey: string | null,
  ordinal: number,
  hash: number,
): { name: string; domain: string } {
  const p = hash % PLACES.length;
  const nouns = (sectorKey === null ? undefined : SECTOR_NOUNS[sectorKey]) ?? GENERIC_NOUNS;
  const noun = pickBy(nouns, hash >>> 8);
  // Past the first few hundred customers the pairs repeat; a number keeps names apart, as in real CRMs.
  // Slugs are precomputed: this runs for every customer (half a million at benchmark scale).
  const slug = `${PLACE_SLUGS[p]}-${NOUN_SLUGS.get(noun) ?? 'company'}`;
  if (ordinal < 150) return { name: `${PLACES[p]} ${noun}`, domain: `${slug}.example` };
  return { name: `${PLACES[p]} ${noun} ${ordinal}`, domain: `${slug}-${ordinal}.example` };
}

/**
 * The customer's billing country, as an English name (what CRM users type): mostly in the region of the
 * partner on its first deal (`homeRegion`), some anywhere (cross-border); anywhere without a home region.
 */
export function customerCountry(hash: number, homeRegion: string | null): string {
  const home = homeRegion === null ? undefined : COUNTRIES_BY_REGION[homeRegion];
  const crossBorder = hash % 100 < CROSS_BORDER_PERCENT;
  return pickBy(home === undefined || crossBorder ? COUNTRIES : home, hash >>> 8);
}

const countryNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
const countryCache = new Map<string, string>();

/** English name of an ISO 3166 code (`DE` → `Germany`), as CRM users type countries. */
export function countryName(code: string): string {
  let name = countryCache.get(code);
  if (name === undefined) {
    name = countryNames.of(code) ?? code;
    countryCache.set(code, name);
  }
  return name;
}
