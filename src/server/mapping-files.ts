/** The mapping editor's files: read, validate an edit against the whole directory, save with history, roll back. */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { MappingError, type MappingProblem } from '../errors.js';
import {
  checkMappingSources,
  MAPPING_FILES,
  type MappingSources,
  type MappingSummary,
  readMappingSources,
} from '../mapping/index.js';
import { httpError } from './http-errors.js';
import { type EditCheck, MappingChecker } from './mapping-check-thread.js';

export const MappingNameSchema = z.enum(['salesforce', 'hubspot', 'taxonomy', 'scoring']);
export type MappingName = z.infer<typeof MappingNameSchema>;

/** History version ids are generated here: a compact UTC timestamp and a counter, safe as a file name. */
export const VersionIdSchema = z.string().regex(/^\d{8}T\d{9}Z-\d{4}$/, 'not a history version id');

export const HISTORY_DIR = '.history';

/** A problem as the editor shows it: the file's base name instead of a server path. */
export interface EditorProblem extends MappingProblem {
  name: string;
}

export interface Validation {
  ok: boolean;
  problems: EditorProblem[];
  summary: MappingSummary;
}

export class MappingFiles {
  readonly #dir: string;
  readonly #now: () => Date;
  readonly #checker = new MappingChecker();
  #counter = 0;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(dir: string, now: () => Date) {
    this.#dir = dir;
    this.#now = now;
  }

  /** Every mapping file's text (null when absent) and the directory's current problems. */
  read(): { files: { name: MappingName; file: string; text: string | null }[]; validation: Validation } {
    const { sources, problems } = readMappingSources(this.#dir);
    const files = MappingNameSchema.options.map((name) => ({
      name,
      file: MAPPING_FILES[name],
      text: sources[name].text,
    }));
    return { files, validation: checkDirectory(sources, problems) };
  }

  /**
   * Checks the directory as it would be with `text` in place of file `name`; nothing touches disk. Runs on
   * a worker thread with a time limit, so a large or hostile text never stalls the server.
   */
  validate(name: MappingName, text: string): Promise<Validation> {
    return this.#checker.check({ dir: this.#dir, name, text }).then((r) => r.validation);
  }

  /** `validate`, plus the entities and CRM objects a connector mapping reads (for the editor's pickers). */
  validateWithObjects(name: MappingName, text: string): Promise<EditCheck> {
    return this.#checker.check({ dir: this.#dir, name, text });
  }

  /**
   * Saves `text` as file `name` when the whole directory validates with it; the previous text goes to
   * `.history/<name>/<version>.yaml` first. Throws MappingError (400) listing every problem otherwise.
   */
  save(name: MappingName, text: string): Promise<{ savedAt: string; previousVersion: string | null }> {
    const work = this.#queue.then(() => this.#saveNow(name, text));
    this.#queue = work.catch(() => {});
    return work;
  }

  /** Saved versions of file `name`, newest first. */
  history(name: MappingName): { version: string; savedAt: string; bytes: number }[] {
    let entries: string[];
    try {
      entries = readdirSync(this.#historyDir(name));
    } catch {
      return [];
    }
    return entries
      .filter((f) => f.endsWith('.yaml') && VersionIdSchema.safeParse(f.slice(0, -5)).success)
      .map((f) => {
        const version = f.slice(0, -5);
        return {
          version,
          savedAt: versionDate(version),
          bytes: statSync(join(this.#historyDir(name), f)).size,
        };
      })
      .sort((a, b) => (a.version < b.version ? 1 : -1));
  }

  /** The text of one saved version; 404 when it does not exist. */
  version(name: MappingName, version: string): string {
    const id = VersionIdSchema.parse(version);
    try {
      return readFileSync(join(this.#historyDir(name), `${id}.yaml`), 'utf8');
    } catch {
      throw httpError(404, `no version ${id} of ${MAPPING_FILES[name]}`, 'version');
    }
  }

  /** Rolls file `name` back to a saved version (validated like any edit; the current text goes to history). */
  rollback(name: MappingName, version: string): Promise<{ savedAt: string; previousVersion: string | null }> {
    return this.save(name, this.version(name, version));
  }

  #historyDir(name: MappingName): string {
    return join(this.#dir, HISTORY_DIR, name);
  }

  async #saveNow(
    name: MappingName,
    text: string,
  ): Promise<{ savedAt: string; previousVersion: string | null }> {
    const validation = await this.validate(name, text);
    if (!validation.ok) throw new MappingError(validation.problems);
    const file = join(this.#dir, MAPPING_FILES[name]);
    const now = this.#now();
    let previousVersion: string | null = null;
    let previous: string | null = null;
    try {
      previous = readFileSync(file, 'utf8');
    } catch {
      previous = null;
    }
    if (previous !== null) {
      previousVersion = `${compactDate(now)}-${String(this.#counter++ % 10_000).padStart(4, '0')}`;
      mkdirSync(this.#historyDir(name), { recursive: true });
      writeFileSync(join(this.#historyDir(name), `${previousVersion}.yaml`), previous, { flag: 'wx' });
    }
    // Write then rename: a crash mid-write never leaves a half-written mapping behind.
    const temporary = `${file}.saving`;
    writeFileSync(temporary, text);
    renameSync(temporary, file);
    return { savedAt: now.toISOString(), previousVersion };
  }
}

function nameOf(file: string): string {
  const base = basename(file);
  return MappingNameSchema.options.find((n) => MAPPING_FILES[n] === base) ?? base;
}

/** 2025-06-30T12:34:56.789Z → 20250630T123456789Z. */
function compactDate(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function versionDate(version: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(version);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : version;
}

/** The editor's validation of a directory's sources (paths shortened to base names). */
export function checkDirectory(sources: MappingSources, readProblems: MappingProblem[]): Validation {
  const check = checkMappingSources(sources, readProblems);
  const problems = check.problems.map((p) => ({ ...p, file: basename(p.file), name: nameOf(p.file) }));
  return {
    ok: problems.length === 0,
    problems,
    summary: { ...check.summary, dir: basename(check.summary.dir) },
  };
}
