/**
 * Test support: an in-memory CRM behind the connector port, holding records in the raw shape the default
 * Salesforce mapping reads. It exercises the pipeline's logic (cursors, deletions, diffs, ledger, failures,
 * lists) without HTTP; the end-to-end suites run the real connectors against the emulators.
 */
import type {
  ApiUsage,
  Connector,
  CrmSurvey,
  DesiredList,
  FieldUpdate,
  ListPlan,
  RawRecord,
  ReadPage,
  ReadPlan,
  WriteOutcome,
} from '../../connectors/types.js';
import { generateEcosystem } from '../../devkit/generator/generate-ecosystem.js';
import type { LoadedMappings } from '../../src/mapping/index.js';
import type { CrmSystem, Taxonomy } from '../../src/model/index.js';
import { parseRefKey } from '../../src/model/index.js';

interface StoredRecord {
  object: string;
  values: Record<string, unknown>;
  seq: number;
}

export interface MemoryCrmOptions {
  partners: number;
  seed: number;
  now: string;
  taxonomy: Taxonomy;
  pageSize?: number;
  /** The CRM it stands for (default Salesforce); pair it with `memoryMappings` for HubSpot. */
  system?: CrmSystem;
}

const label = (entries: Taxonomy['sectors'], key: string | null) =>
  key === null
    ? null
    : (entries.find((e) => e.key === key)?.values[0] ?? entries.find((e) => e.key === key)?.label ?? key);

export class MemoryCrm implements Connector {
  readonly system: CrmSystem;
  readonly records = new Map<string, StoredRecord>();
  readonly deleted: { object: string; id: string; seq: number }[] = [];
  readonly lists = new Map<string, Set<string>>();
  /** Record ids whose writes fail: transient or permanent. */
  readonly failing = new Map<string, { transient: boolean }>();
  /** Write calls, each with the record ids it carried. */
  /** Write calls to partner records (Accounts), record ids per call. */
  readonly writeCalls: string[][] = [];
  /** Write calls to other objects (recommendations on Opportunities), record ids per call. */
  readonly dealWriteCalls: string[][] = [];
  /** Throws after this many pages were served (a crash mid-read); null never. */
  crashAfterPages: number | null = null;
  /** Awaited before the first page of each read (a pause mid-run, e.g. while another run takes the lock). */
  beforeRead: (() => Promise<void>) | null = null;
  private seq = 0;
  private calls = 0;
  private pagesServed = 0;
  private readonly pageSize: number;

  constructor(options: MemoryCrmOptions) {
    this.pageSize = options.pageSize ?? 50;
    this.system = options.system ?? 'salesforce';
    const eco = generateEcosystem({
      partners: options.partners,
      dealsPerPartner: 30,
      certifications: options.partners * 12,
      seed: options.seed,
      taxonomy: options.taxonomy,
      now: options.now,
    });
    // HubSpot record ids are numbers: a HubSpot stand-in renumbers the generator's Salesforce-style ids.
    const numbered = new Map<string, string>();
    const crmId = (raw: string) => {
      if (this.system !== 'hubspot') return raw;
      let n = numbered.get(raw);
      if (n === undefined) {
        n = String(1_000 + numbered.size);
        numbered.set(raw, n);
      }
      return n;
    };
    const id = (key: string) => crmId(parseRefKey(key).id);
    for (const p of eco.partners) {
      this.put('Account', crmId(p.sourceRefs[0]!.id), {
        Name: p.name,
        Website: p.domain ? `https://www.${p.domain}` : null,
        BillingCountry: p.country,
        Partner_Region__c: p.region,
        Type: p.partnerType,
        Partner_Tier__c: p.legacyTier,
        IsPartner: true,
      });
    }
    for (const person of eco.people) {
      this.put('Contact', crmId(person.source.id), {
        Name: person.name,
        Email: person.email,
        AccountId: person.partnerId ? id(person.partnerId) : null,
      });
    }
    for (const d of eco.deals) {
      const role = (r: string) => d.partners.find((p) => p.role === r);
      const sourced = role('sourced');
      const delivered = role('delivered');
      this.put('Opportunity', crmId(d.source.id), {
        Name: d.name,
        AccountId: d.customerId ? id(d.customerId) : null,
        Account: { Industry: label(options.taxonomy.sectors, d.sector) },
        PartnerAccountId: sourced ? id(sourced.partnerId) : null,
        Delivery_Partner__c: delivered ? id(delivered.partnerId) : null,
        StageName: d.stage,
        Amount: d.amount?.amount ?? null,
        CurrencyIsoCode: d.amount?.currency ?? null,
        CloseDate: d.closeDate,
        IsWon: d.isWon,
        IsClosed: d.isClosed,
        Type: null,
        CSAT__c: null,
        OpportunityLineItems: d.technologies.map((t) => ({
          Product2: { Family: label(options.taxonomy.technologies, t) },
        })),
        OpportunityPartnersFrom: d.partners
          .filter((p) => p.role === 'influenced')
          .map((p) => ({ AccountToId: id(p.partnerId), Role: 'Agency' })),
      });
    }
    for (const c of eco.certifications) {
      this.put('Partner_Certification__c', crmId(c.source.id), {
        Name: c.name,
        Partner_Account__c: id(c.partnerId),
        Contact__c: c.personId ? id(c.personId) : null,
        Technology__c: label(options.taxonomy.technologies, c.technology),
        Industry__c: label(options.taxonomy.sectors, c.sector),
        Level__c: c.level.charAt(0).toUpperCase() + c.level.slice(1),
        Earned_Date__c: c.earnedDate,
        Expiry_Date__c: c.expiryDate,
      });
    }
  }

  /** Creates or changes a record, as a user would: its modification stamp moves. */
  put(object: string, id: string, values: Record<string, unknown>): void {
    const existing = this.records.get(id);
    this.seq++;
    const stamp = new Date(Date.UTC(2026, 0, 1) + this.seq * 1000).toISOString().replace('Z', '+0000');
    this.records.set(id, {
      object,
      values: { ...(existing?.values ?? {}), ...values, Id: id, SystemModstamp: stamp },
      seq: this.seq,
    });
  }

  remove(id: string): void {
    const record = this.records.get(id);
    if (!record) return;
    this.records.delete(id);
    this.deleted.push({ object: record.object, id, seq: ++this.seq });
  }

  /** Deletes every opportunity the account sourced or delivered, as a user would. */
  removeDealsOf(accountId: string): void {
    for (const id of this.idsOf('Opportunity')) {
      const values = this.records.get(id)?.values ?? {};
      if (values['PartnerAccountId'] === accountId || values['Delivery_Partner__c'] === accountId)
        this.remove(id);
    }
  }

  idsOf(object: string): string[] {
    return [...this.records].filter(([, r]) => r.object === object).map(([id]) => id);
  }

  async check(): Promise<never> {
    throw new Error('not used by the pipeline');
  }

  async describeFields(object: string) {
    const names = new Set<string>();
    for (const record of this.records.values()) {
      if (record.object === object) for (const key of Object.keys(record.values)) names.add(key);
    }
    return [...names].sort().map((name) => ({ name, label: name, type: 'string' }));
  }

  async checkSchema() {
    return [];
  }

  async *read(plan: ReadPlan, options: { cursor: unknown }): AsyncIterable<ReadPage> {
    const after =
      typeof options.cursor === 'object' && options.cursor !== null
        ? (options.cursor as { seq: number }).seq
        : 0;
    const matching = [...this.records]
      .filter(([, r]) => r.object === plan.object && r.seq > after)
      .sort((a, b) => a[1].seq - b[1].seq);
    await this.beforeRead?.();
    for (let at = 0; at < matching.length; at += this.pageSize) {
      if (this.crashAfterPages !== null && this.pagesServed >= this.crashAfterPages) {
        throw new Error('connection reset (simulated crash)');
      }
      this.calls++;
      this.pagesServed++;
      const page = matching.slice(at, at + this.pageSize);
      const records: RawRecord[] = page.map(([id, r]) => ({ id, values: structuredClone(r.values) }));
      yield { records, cursor: { seq: page.at(-1)![1].seq }, expectedTotal: matching.length, via: 'memory' };
    }
  }

  async *readDeleted(plan: ReadPlan) {
    this.calls++;
    yield {
      kind: 'deleted' as const,
      ids: this.deleted.filter((d) => d.object === plan.object).map((d) => d.id),
    };
  }

  async *listIds(plan: ReadPlan) {
    this.calls++;
    yield this.idsOf(plan.object);
  }

  async ensureFieldOptions() {
    return [];
  }

  async writeFields(object: string, updates: readonly FieldUpdate[]): Promise<WriteOutcome[]> {
    const outcomes: WriteOutcome[] = [];
    for (let at = 0; at < updates.length; at += 200) {
      const chunk = updates.slice(at, at + 200);
      this.calls++;
      (object === 'Account' ? this.writeCalls : this.dealWriteCalls).push(chunk.map((u) => u.recordId));
      for (const update of chunk) {
        const failing = this.failing.get(update.recordId);
        if (failing) {
          outcomes.push({
            recordId: update.recordId,
            ok: false,
            code: failing.transient ? 'UNABLE_TO_LOCK_ROW' : 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: failing.transient
              ? 'unable to obtain exclusive access to this record'
              : 'Atlas fields are locked',
            transient: failing.transient,
            fields: [],
          });
          continue;
        }
        const values = Object.fromEntries(
          Object.entries(update.values).map(([k, v]) => [k, Array.isArray(v) ? v.join(';') : v]),
        );
        this.put(object, update.recordId, values);
        outcomes.push({ recordId: update.recordId, ok: true });
      }
    }
    return outcomes;
  }

  async planLists(desired: readonly DesiredList[]): Promise<ListPlan> {
    this.calls++;
    const plan: ListPlan = { system: this.system, create: [], update: [], retire: [], unchanged: 0 };
    const wanted = new Set(desired.map((d) => d.name));
    for (const list of desired) {
      const current = this.lists.get(list.name);
      if (!current) {
        plan.create.push({ key: list.key, name: list.name, members: list.memberIds.length });
        continue;
      }
      const add = list.memberIds.filter((id) => !current.has(id));
      const remove = [...current].filter((id) => !list.memberIds.includes(id));
      if (add.length + remove.length === 0) plan.unchanged++;
      else plan.update.push({ key: list.key, name: list.name, listId: list.name, add, remove });
    }
    for (const [name, members] of this.lists) {
      if (!wanted.has(name)) plan.retire.push({ listId: name, name, remove: members.size, action: 'delete' });
    }
    return plan;
  }

  async applyLists(plan: ListPlan, desired: readonly DesiredList[]) {
    const byName = new Map(desired.map((d) => [d.name, d]));
    let membersAdded = 0;
    let membersRemoved = 0;
    for (const c of plan.create) {
      this.lists.set(c.name, new Set(byName.get(c.name)?.memberIds));
      membersAdded += c.members;
    }
    for (const u of plan.update) {
      this.lists.set(u.name, new Set(byName.get(u.name)?.memberIds));
      membersAdded += u.add.length;
      membersRemoved += u.remove.length;
    }
    for (const r of plan.retire) this.lists.delete(r.listId);
    const [created, updated, retired] = [plan.create.length, plan.update.length, plan.retire.length];
    this.calls += created + updated + retired;
    return { created, updated, retired, membersAdded, membersRemoved, failures: [] };
  }

  async planProvision() {
    return { system: this.system, steps: [] };
  }

  async applyProvision() {
    return { system: this.system, steps: [], applied: 0 };
  }

  /** No schema to survey: `mappings init` is tested against the emulators. */
  async surveySchema(): Promise<CrmSurvey> {
    return { system: this.system, objects: [], customObjects: [], associationLabels: [] };
  }

  usage(): ApiUsage {
    return { calls: this.calls, callsByOperation: {}, rateLimited: 0, retries: 0, daily: null };
  }

  resetUsage(): void {
    this.calls = 0;
  }

  async close(): Promise<void> {}
}

/** The mappings with HubSpot read and written like the in-memory CRM's Salesforce shape, for a two-CRM run. */
export function memoryMappings(mappings: LoadedMappings): LoadedMappings {
  const salesforce = mappings.salesforce!;
  const writeback = salesforce.writeback && {
    ...salesforce.writeback,
    // HubSpot names a write-back field `property`; the in-memory CRM keeps the Salesforce names.
    fields: salesforce.writeback.fields.map((f) => ({ ...f, property: f.field })),
  };
  return { ...mappings, hubspot: { ...salesforce, system: 'hubspot', writeback } } as LoadedMappings;
}
