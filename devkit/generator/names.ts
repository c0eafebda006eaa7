/** Plausible company and person names for generated records, from small word pools (no network, no data files). */
import type { Random } from '../seeded-random.js';

const COMPANY_FIRST = [
  'North',
  'Blue',
  'Bright',
  'Cedar',
  'Silver',
  'Iron',
  'Clear',
  'Swift',
  'Summit',
  'Harbor',
  'Granite',
  'Maple',
  'Falcon',
  'Aurora',
  'Delta',
  'Nimbus',
  'Orbit',
  'Pioneer',
  'Quartz',
  'Red',
  'Sterling',
  'Tidal',
  'Vertex',
  'Willow',
  'Zenith',
  'Apex',
  'Beacon',
  'Cobalt',
  'Evergreen',
  'Fjord',
];
const COMPANY_SECOND = [
  'Stone',
  'Bridge',
  'Path',
  'Point',
  'Field',
  'Wave',
  'Peak',
  'Gate',
  'Line',
  'Forge',
  'Works',
  'Light',
  'Logic',
  'Craft',
  'Sphere',
  'Signal',
  'Rock',
  'River',
  'Spring',
  'Vale',
];
const COMPANY_SUFFIX = [
  'Consulting',
  'Solutions',
  'Partners',
  'Digital',
  'Systems',
  'Group',
  'Labs',
  'Advisory',
];
const FIRST_NAMES = [
  'Anna',
  'Ben',
  'Chloé',
  'David',
  'Elif',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kaia',
  'Liam',
  'Maya',
  'Noah',
  'Olga',
  'Pedro',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
  'Umar',
  'Vera',
  'Wei',
  'Ximena',
  'Yusuf',
  'Zoe',
];
const LAST_NAMES = [
  'Andersen',
  'Bauer',
  'Costa',
  'Dubois',
  'Evans',
  'Fischer',
  'García',
  'Haddad',
  'Ivanova',
  'Jensen',
  'Kim',
  'Lopez',
  'Müller',
  'Nakamura',
  'Okafor',
  'Patel',
  'Rossi',
  'Silva',
  'Tanaka',
  'Unal',
  'Varga',
  'Weber',
  'Xu',
  'Young',
  'Zielinski',
];

/** A company name, unique by its serial number once the word combinations run out. */
export function companyName(random: Random, serial: number): string {
  const base = `${random.pick(COMPANY_FIRST)}${random.pick(COMPANY_SECOND).toLowerCase()} ${random.pick(COMPANY_SUFFIX)}`;
  return serial < 1000 ? base : `${base} ${serial}`;
}

/** `northstone-consulting-1234.example`: reserved-for-examples TLD, unique by serial. */
export function companyDomain(name: string, serial: number): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return serial < 1000 ? `${slug}.example` : `${slug}-${serial}.example`;
}

/** Interned person names: a few hundred distinct strings shared by every generated person. */
export function createPersonNames(): (random: Random) => string {
  const cache = new Map<string, string>();
  return (random) => {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const key = `${first} ${last}`;
    let name = cache.get(key);
    if (name === undefined) {
      name = key;
      cache.set(key, name);
    }
    return name;
  };
}
