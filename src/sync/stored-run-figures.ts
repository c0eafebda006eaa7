/** Figures read back from a stored run through their schemas: runs stored by older versions may lack them. */
import { z } from 'zod';
import { type HeadlineFigures, HeadlineFiguresSchema } from '../engine/index.js';
import type { Run } from '../store/index.js';
import { type ProgrammeChanges, ProgrammeChangesSchema } from './change-summary.js';

const ScoredAtSchema = z.object({ score: z.object({ scoredAt: z.string() }) });
const HeadlineSchema = z.object({ score: z.object({ headline: HeadlineFiguresSchema }) });

/** The instant a stored run scored at, or null when it did not score. */
export function scoredAtOf(run: Run): string | null {
  const parsed = ScoredAtSchema.safeParse(run.figures);
  return parsed.success ? parsed.data.score.scoredAt : null;
}

/** A stored run's headline figures, or null when it did not score (or was stored before they existed). */
export function storedHeadline(run: Run): HeadlineFigures | null {
  const parsed = HeadlineSchema.safeParse(run.figures);
  return parsed.success ? parsed.data.score.headline : null;
}

const IssueGroupsSchema = z.object({ recordIssues: z.object({ groupCount: z.number() }) });

/** Whether a stored run holds its record issues grouped (runs stored before grouping do not). */
export function hasIssueGroups(run: Run): boolean {
  return IssueGroupsSchema.safeParse(run.figures).success;
}

const ProgrammeSchema = z.object({ programme: ProgrammeChangesSchema });

/** What a stored run's change summary says the programme team decided, or null (none, or stored before overrides). */
export function storedProgramme(run: Run): ProgrammeChanges | null {
  const parsed = ProgrammeSchema.safeParse(run.changeSummary);
  return parsed.success ? parsed.data.programme : null;
}
