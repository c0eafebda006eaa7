/**
 * A 64-bit digest of what a cell score's snapshot row stores, walked field by field from the engine's
 * cell: the nightly snapshot compares every cell with its last one and writes only those that changed,
 * so the unchanged majority costs no JSON text and no SHA-1 of it.
 */
import type {
  CellFigures,
  CellOverride,
  CellScore,
  EvidenceItem,
  MissingEvidence,
  NextLevel,
  ScoreComponents,
} from '../model/score-cell.js';
import type { SourceRef } from '../model/source-ref.js';

/** Every key of T, listed: a key added to the model and missing here fails to compile (see `exhaustive`). */
type KeyList<T> = readonly (keyof T)[];
type Exhaustive<T, L extends KeyList<T>> = Exclude<keyof T, L[number]> extends never ? L : never;
function exhaustive<T>() {
  return <const L extends KeyList<T>>(keys: Exhaustive<T, L>): L => keys;
}

const COMPONENTS = exhaustive<ScoreComponents>()(['proof', 'skills', 'winRate', 'delivery']);
const FIGURES = exhaustive<CellFigures>()([
  'wonDeals',
  'closedDeals',
  'openDeals',
  'openAmount',
  'wonCustomers',
  'certifiedPeople',
  'activeCertifications',
  'expiredCertifications',
  'winRate',
  'proofMass',
  'skillsMass',
]);
// The keys of the nested values `of` walks by hand: one added to the model must be added there too.
exhaustive<EvidenceItem>()(['kind', 'source', 'points', 'date']);
exhaustive<SourceRef>()(['system', 'object', 'id']);
exhaustive<NextLevel>()(['level', 'missing']);
exhaustive<MissingEvidence>()(['requirement', 'have', 'need', 'levers']);
exhaustive<CellOverride>()(['kind', 'computedLevel', 'reason', 'author', 'expiresAt']);
/** The cell's keys the snapshot row stores (the rest are the row's key or not stored). */
exhaustive<CellScore>()([
  'score',
  'confidence',
  'level',
  'components',
  'figures',
  'top',
  'next',
  'override',
  'partnerId',
  'cell',
  'kind',
  'previousLevel',
]);

const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);
const NULL = 0x6e756c6c;

/** Two independent 32-bit lanes (murmur3's multiply-rotate step): two different cells collide about 2^-64 of the time. */
export class CellDigest {
  #a = 0;
  #b = 0;

  #word(k: number): void {
    let a = Math.imul(k ^ this.#a, 0xcc9e2d51);
    a = (a << 15) | (a >>> 17);
    this.#a = Math.imul(a, 0x1b873593) + 0xe6546b64;
    let b = Math.imul(k ^ this.#b, 0x85ebca6b);
    b = (b << 13) | (b >>> 19);
    this.#b = Math.imul(b, 0xc2b2ae35) + 0x52dce729;
  }

  #number(x: number | null): void {
    if (x === null) {
      this.#word(NULL);
      this.#word(NULL);
      return;
    }
    float[0] = x;
    this.#word(words[0]!);
    this.#word(words[1]!);
  }

  #string(s: string | null): void {
    if (s === null) {
      this.#word(NULL);
      this.#word(~NULL);
      return;
    }
    this.#word(s.length);
    // Two characters per word: ids and dates are short, and a lookup table costs more than this loop.
    let i = 0;
    for (; i + 1 < s.length; i += 2) this.#word(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
    if (i < s.length) this.#word(s.charCodeAt(i));
  }

  /** The digest of what `cell`'s snapshot row stores: score, level, confidence and its details. */
  of(cell: CellScore): string {
    this.#a = 0x9747b28c;
    this.#b = 0x1b873593;
    this.#number(cell.score);
    this.#string(cell.level);
    this.#number(cell.confidence);
    for (const key of COMPONENTS) this.#number(cell.components[key]);
    for (const key of FIGURES) this.#number(cell.figures[key]);
    this.#word(cell.top.length);
    for (const item of cell.top) {
      this.#string(item.kind);
      this.#string(item.source.system);
      this.#string(item.source.object);
      this.#string(item.source.id);
      this.#number(item.points);
      this.#string(item.date);
    }
    const next = cell.next;
    if (next === null) this.#word(NULL);
    else {
      this.#string(next.level);
      this.#word(next.missing.length);
      for (const m of next.missing) {
        this.#string(m.requirement);
        this.#number(m.have);
        this.#number(m.need);
        this.#word(m.levers?.length ?? 0);
        for (const lever of m.levers ?? []) this.#string(lever);
      }
    }
    const override = cell.override;
    if (override === undefined) this.#word(NULL);
    else {
      this.#string(override.kind);
      this.#string(override.computedLevel);
      this.#string(override.reason);
      this.#string(override.author);
      this.#string(override.expiresAt);
    }
    return `${(this.#a >>> 0).toString(36)}.${(this.#b >>> 0).toString(36)}`;
  }
}
