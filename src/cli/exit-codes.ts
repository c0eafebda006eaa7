/** Exit codes of `atlas`, so a scheduler or script can tell a partial run from a failed one. */
export const EXIT = {
  ok: 0,
  /** The command failed: nothing it promised was done. */
  failure: 1,
  /** Bad arguments or configuration. */
  usage: 2,
  /** Done, but some records failed (mapping issues, write failures): see the run's report. */
  partial: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
