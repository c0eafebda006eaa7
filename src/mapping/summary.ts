/** What `atlas mappings check` prints: per CRM, the entities, fields, linkage and write-back; taxonomy counts. */
import { crmPlugin } from '../../connectors/registry.js';
import type { CrmSystem, Taxonomy } from '../model/index.js';
import type { ScoringConfig } from '../model/scoring.js';
import { type BenefitsSummary, formatBenefitsSummary } from './benefits-check.js';
import type { ConnectorMapping } from './connector-mapping.js';
import type { LinkageKind } from './linkage-schema.js';
import { ENTITY_NAMES, type EntityName } from './model-fields.js';

export interface EntitySummary {
  entity: EntityName;
  object: string;
  /** Model fields mapped. */
  fields: number;
  /** Filter conditions. */
  filter: number;
  /** Deals: the partner linkage kinds, in order. */
  linkage: LinkageKind[];
}

export interface WritebackSummary {
  object: string;
  fields: { result: string; target: string; type: string }[];
  lists: { kind: string; per: string; namePrefix: string }[];
}

export interface SystemSummary {
  system: CrmSystem;
  file: string;
  /** `not_configured`: no file, so this CRM is not synced. */
  status: 'ok' | 'invalid' | 'not_configured';
  entities: EntitySummary[];
  writeback: WritebackSummary | null;
}

export interface TaxonomySummary {
  file: string;
  status: 'ok' | 'invalid' | 'missing';
  sectors: number;
  technologies: number;
  sectorValues: number;
  technologyValues: number;
  unmapped: number;
}

export interface ScoringSummary {
  file: string;
  /** `defaults`: no scoring.yaml, so the documented defaults apply. */
  status: 'ok' | 'invalid' | 'defaults';
  /** Level names, highest first. */
  levels: string[];
}

export interface MappingSummary {
  dir: string;
  systems: SystemSummary[];
  taxonomy: TaxonomySummary;
  scoring: ScoringSummary;
  /** `benefits.yaml`; absent when the summary was made without it. */
  benefits?: BenefitsSummary;
}

/** Summary of one parsed connector mapping. */
export function summarizeSystem(mapping: ConnectorMapping, file: string): SystemSummary {
  const entities: EntitySummary[] = [];
  for (const entity of ENTITY_NAMES) {
    const e = mapping.entities[entity];
    if (!e) continue;
    entities.push({
      entity,
      object: e.object,
      fields: Object.values(e.fields).filter((f) => f !== undefined).length,
      filter: e.filter.length,
      linkage: 'partners' in e && Array.isArray(e.partners) ? e.partners.map((l) => l.kind) : [],
    });
  }
  const wb = mapping.writeback;
  const plugin = crmPlugin(mapping.system);
  let writeback: WritebackSummary | null = null;
  if (wb) {
    writeback = {
      object: wb.object,
      fields: wb.fields.map((f) => {
        const { name, type } = plugin.writebackField(f);
        // A benefit field says which benefit: `benefit lead-priority`.
        return { result: f.benefit ? `${f.result} ${f.benefit.key}` : f.result, target: name, type };
      }),
      lists: wb.lists.map((l) => ({ kind: l.kind, per: l.per, namePrefix: l.namePrefix })),
    };
  }
  return { system: mapping.system, file, status: 'ok', entities, writeback };
}

/** Summary of a parsed taxonomy. */
export function summarizeTaxonomy(taxonomy: Taxonomy, file: string): TaxonomySummary {
  const count = (entries: Taxonomy['sectors']) => entries.reduce((n, e) => n + e.values.length, 0);
  return {
    file,
    status: 'ok',
    sectors: taxonomy.sectors.length,
    technologies: taxonomy.technologies.length,
    sectorValues: count(taxonomy.sectors),
    technologyValues: count(taxonomy.technologies),
    unmapped: taxonomy.unmapped.length,
  };
}

/** Summary of a parsed scoring configuration. */
export function summarizeScoring(config: ScoringConfig, file: string): ScoringSummary {
  return { file, status: 'ok', levels: config.levels.ladder.map((l) => l.name) };
}

/** Human-readable lines of a summary, for the CLI. */
export function formatMappingSummary(summary: MappingSummary): string[] {
  const lines: string[] = [`mappings in ${summary.dir}`];
  for (const s of summary.systems) {
    if (s.status !== 'ok') {
      lines.push(`  ${s.system}: ${s.status === 'invalid' ? 'INVALID' : 'not configured'} (${s.file})`);
      continue;
    }
    lines.push(`  ${s.system} (${s.file})`);
    for (const e of s.entities) {
      const linkage = e.linkage.length > 0 ? `, partners via ${e.linkage.join(' + ')}` : '';
      const filter = e.filter > 0 ? `, ${e.filter} filter condition${e.filter === 1 ? '' : 's'}` : '';
      lines.push(`    ${e.entity} ← ${e.object}: ${e.fields} fields${filter}${linkage}`);
    }
    if (s.writeback) {
      lines.push(
        `    write-back to ${s.writeback.object}: ${s.writeback.fields.map((f) => `${f.result} → ${f.target} (${f.type})`).join(', ')}`,
      );
      for (const l of s.writeback.lists)
        lines.push(`    lists: ${l.kind} per ${l.per}, prefix "${l.namePrefix}"`);
    } else {
      lines.push('    no write-back (read-only)');
    }
  }
  const t = summary.taxonomy;
  lines.push(
    t.status === 'ok'
      ? `  taxonomy (${t.file}): ${t.sectors} sectors (${t.sectorValues} values), ${t.technologies} technologies (${t.technologyValues} values), ${t.unmapped} unmapped`
      : `  taxonomy (${t.file}): ${t.status === 'missing' ? 'MISSING' : 'INVALID'}`,
  );
  const sc = summary.scoring;
  lines.push(
    sc.status === 'ok'
      ? `  scoring (${sc.file}): levels ${sc.levels.join(' > ')}`
      : sc.status === 'defaults'
        ? `  scoring: no ${sc.file}, the documented defaults apply`
        : `  scoring (${sc.file}): INVALID`,
  );
  if (summary.benefits) lines.push(formatBenefitsSummary(summary.benefits));
  return lines;
}
