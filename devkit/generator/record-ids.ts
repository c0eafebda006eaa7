/** CRM-shaped record ids for generated records: 18-character Salesforce ids and decimal HubSpot ids. */
import type { CrmSystem, SourceRef } from '../../src/model/source-ref.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The case-safe suffix Salesforce appends to a 15-character id: for each block of five characters,
 * a bit per upper-case letter, mapped onto `A–Z0–5`.
 * https://help.salesforce.com/s/articleView?id=000385008&type=1
 */
export function salesforceIdSuffix(id15: string): string {
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(block * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX[bits];
  }
  return suffix;
}

/** The objects the generator creates, named as each CRM names them (see the shared brief's default schema). */
export type GeneratedObject = 'partner' | 'customer' | 'person' | 'deal' | 'certification';

const SALESFORCE_OBJECTS: Record<GeneratedObject, { object: string; prefix: string }> = {
  partner: { object: 'Account', prefix: '001' },
  customer: { object: 'Account', prefix: '001' },
  person: { object: 'Contact', prefix: '003' },
  deal: { object: 'Opportunity', prefix: '006' },
  certification: { object: 'Partner_Certification__c', prefix: 'a0B' },
};

const HUBSPOT_OBJECTS: Record<GeneratedObject, { object: string; base: number }> = {
  partner: { object: 'companies', base: 10_000_000_000 },
  customer: { object: 'companies', base: 10_000_000_000 },
  person: { object: 'contacts', base: 20_000_000_000 },
  deal: { object: 'deals', base: 30_000_000_000 },
  certification: { object: 'certifications', base: 40_000_000_000 },
};

/** Customers share the Account / companies id space with partners; they start this far up. */
const CUSTOMER_SERIAL_OFFSET = 50_000_000;

// Ids are written into a byte buffer and read back as latin1, so V8 stores each as one flat string.
// Concatenation would leave chains of cons-strings behind, several hundred bytes per id: too much for
// two million deals.
const codes = Buffer.alloc(256);
function put(at: number, text: string): number {
  return at + codes.write(text, at, 'latin1');
}
function take(from: number, to: number): string {
  return codes.toString('latin1', from, to);
}

/** An 18-character Salesforce id: key prefix (`001` Account…), a fixed pod part, the serial in base 62. */
export function salesforceId(keyPrefix: string, serial: number): string {
  return take(0, writeSalesforceId(0, keyPrefix, serial));
}

function writeSalesforceId(at: number, keyPrefix: string, serial: number): number {
  let end = put(at, keyPrefix);
  end = put(end, '5g0');
  let n = serial;
  for (let i = 8; i >= 0; i--) {
    codes[end + i] = BASE62.charCodeAt(n % 62);
    n = Math.floor(n / 62);
  }
  end += 9;
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = codes[at + block * 5 + i]!;
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    codes[end++] = SUFFIX.charCodeAt(bits);
  }
  return end;
}

/** A generated record's source ref and its `refKey` (`salesforce:Opportunity:006…`), both flat strings. */
export interface GeneratedRecordRef {
  ref: SourceRef;
  key: string;
}

/** The source ref and ref key of the `serial`-th generated record of a kind in a CRM. */
export function generatedRef(system: CrmSystem, kind: GeneratedObject, serial: number): GeneratedRecordRef {
  const n = kind === 'customer' ? serial + CUSTOMER_SERIAL_OFFSET : serial;
  let object: string;
  let idStart: number;
  let end: number;
  if (system === 'salesforce') {
    const spec = SALESFORCE_OBJECTS[kind];
    object = spec.object;
    idStart = put(put(0, system), `:${object}:`);
    end = writeSalesforceId(idStart, spec.prefix, n + 1);
  } else {
    const spec = HUBSPOT_OBJECTS[kind];
    object = spec.object;
    idStart = put(put(0, system), `:${object}:`);
    end = put(idStart, String(spec.base + n + 1));
  }
  const key = take(0, end);
  return { ref: { system, object, id: take(idStart, end) }, key };
}

/** A copy of `text` stored as one flat string (see above why concatenated strings are costly at scale). */
export function flatString(text: string): string {
  return take(0, put(0, text));
}
