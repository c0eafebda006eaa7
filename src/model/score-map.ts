/** Schemas of the ecosystem map: coverage, demand and flags per cell, priorities and regions. */
import { z } from 'zod';
import { CellKeySchema, CellKindSchema } from './score-cell.js';

export const MapFlagSchema = z.enum(['gap', 'saturated', 'single-point-of-failure']);
export type MapFlag = z.infer<typeof MapFlagSchema>;

/** One cell of the ecosystem map. */
export const EcosystemCellSchema = z.object({
  cell: CellKeySchema,
  kind: CellKindSchema,
  /** Partners holding each level, by level name (every level listed, zeros included). */
  partnersByLevel: z.record(z.string(), z.number().int()),
  /** Partners with any evidence in the cell. */
  partnersWithEvidence: z.number().int(),
  /** Herfindahl–Hirschman index (0–1) of partners' shares of the cell's proof mass. */
  concentration: z.number(),
  /** Fewest partners that together hold half of the cell's proof mass. */
  busFactor: z.number().int(),
  /** Customer deals closed within the demand window (won or lost, with or without partners). */
  closedDeals: z.number().int(),
  openDeals: z.number().int(),
  /** Open pipeline amount in the base currency. */
  openAmount: z.number(),
  /** Demand = closedDeals + openDeals. */
  demand: z.number().int(),
  /** Specialist-equivalents: sum of level capacities of the partners holding a level. */
  capacity: z.number(),
  /** capacity × dealsPerCapacity / demand; null without demand. */
  coverage: z.number().nullable(),
  /**
   * Deals the cell's qualified partners cannot serve: max(0, demand − capacity × dealsPerCapacity).
   * Maps stored before it was measured read back as 0.
   */
  unmetDemand: z.number().default(0),
  /**
   * Deals of that unmet demand one more partner at the top level (a Specialist) would serve:
   * min(unmetDemand, top level's capacity × dealsPerCapacity). 0 in maps stored before it was measured.
   */
  oneMoreSpecialistCovers: z.number().default(0),
  flags: z.array(MapFlagSchema),
});
export type EcosystemCell = z.infer<typeof EcosystemCellSchema>;

/** A sector × technology cell ranked by the unmet demand one more Specialist would serve there. */
export const MapPrioritySchema = z.object({
  cell: CellKeySchema,
  demand: z.number().int(),
  capacity: z.number(),
  unmetDemand: z.number(),
  /** Deals one more Specialist would serve: the cell's `oneMoreSpecialistCovers`. */
  covers: z.number(),
});
export type MapPriority = z.infer<typeof MapPrioritySchema>;

/** The unmet demand a cell needs to be flagged a gap, per kind of cell (see buildEcosystemMap). */
export const GapThresholdsSchema = z.object({
  pair: z.number(),
  sector: z.number(),
  technology: z.number(),
});
export type GapThresholds = z.infer<typeof GapThresholdsSchema>;

export const RegionCellSchema = z.object({
  region: z.string(),
  cell: CellKeySchema,
  partnersByLevel: z.record(z.string(), z.number().int()),
  capacity: z.number(),
  /** Deals of the region's customers in the cell within the demand window, plus their open pipeline. */
  demand: z.number().int(),
  coverage: z.number().nullable(),
});
export type RegionCell = z.infer<typeof RegionCellSchema>;

export const EcosystemMapSchema = z.object({
  /**
   * At most 10 sector × technology cells where one more Specialist would serve the most unmet demand,
   * most first. Empty in maps stored before the ranking existed.
   */
  priorities: z.array(MapPrioritySchema).default([]),
  /** The unmet demand that makes a gap, per kind of cell; null in maps stored before it was measured. */
  gapThresholds: GapThresholdsSchema.nullable().default(null),
  /** Every cell of the taxonomy (pairs, then sector totals, then technology totals). */
  cells: z.array(EcosystemCellSchema),
  /** Per region: its partners' levels and capacity, its customers' demand; empty unless asked for. */
  regions: z.array(RegionCellSchema),
});
export type EcosystemMap = z.infer<typeof EcosystemMapSchema>;
