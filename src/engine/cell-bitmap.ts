/**
 * One bit per (partner, cell): set where the partner has any evidence. The first passes mark it; it then
 * sizes the evidence table (one row per set bit) and lists each partner's cells for the per-partner pass.
 */
export class CellBitmap {
  readonly bits: Uint8Array;

  /** Over `bits` (at least `(partners × cells + 7) / 8` bytes, zeroed). */
  constructor(
    bits: Uint8Array,
    private readonly cells: number,
  ) {
    this.bits = bits;
  }

  /** Bytes for `partners` × `cells` bits. */
  static bytes(partners: number, cells: number): number {
    return (partners * cells + 7) >> 3;
  }

  mark(p: number, c: number): void {
    const bit = p * this.cells + c;
    this.bits[bit >> 3] = this.bits[bit >> 3]! | (1 << (bit & 7));
  }

  has(p: number, c: number): boolean {
    const bit = p * this.cells + c;
    return ((this.bits[bit >> 3]! >> (bit & 7)) & 1) === 1;
  }

  /** How many bits are set: the number of evidence rows. */
  count(): number {
    let n = 0;
    for (let i = 0; i < this.bits.length; i++) {
      let byte = this.bits[i]!;
      while (byte !== 0) {
        byte &= byte - 1;
        n++;
      }
    }
    return n;
  }

  /**
   * A partner's cells: `isTouched[c]` is 1 where it has evidence (0 elsewhere) and `touched` lists those
   * cells ascending; returns how many.
   */
  partnerCells(p: number, isTouched: Uint8Array, touched: Int32Array): number {
    let n = 0;
    for (let c = 0; c < this.cells; c++) {
      const bit = p * this.cells + c;
      const has = (this.bits[bit >> 3]! >> (bit & 7)) & 1;
      isTouched[c] = has;
      if (has === 1) touched[n++] = c;
    }
    return n;
  }
}
