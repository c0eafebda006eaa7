/** Typed arrays carved from one ArrayBuffer: one allocation per phase instead of dozens, or reuse of a dead one. */

/**
 * Why: V8 reports every ~64 MB of new ArrayBuffer memory as external memory pressure and then marks the
 * whole heap — with two million deals in memory, a pause of one to three seconds. Allocating each
 * phase's arrays together, at the same moment, costs one such pause instead of one per array.
 */
export class Arena {
  readonly buffer: ArrayBuffer;
  private offset = 0;

  constructor(bytes: number | ArrayBuffer) {
    this.buffer = typeof bytes === 'number' ? new ArrayBuffer(bytes) : bytes;
  }

  /** Bytes needed for arrays of these byte sizes, each aligned to 8 bytes. */
  static size(...bytes: number[]): number {
    return bytes.reduce((sum, b) => sum + Math.ceil(b / 8) * 8, 0);
  }

  private take(bytes: number): number {
    const at = this.offset;
    this.offset += Math.ceil(bytes / 8) * 8;
    if (this.offset > this.buffer.byteLength) throw new RangeError('arena too small');
    return at;
  }

  f64(n: number): Float64Array {
    return new Float64Array(this.buffer, this.take(n * 8), n);
  }
  f32(n: number): Float32Array {
    return new Float32Array(this.buffer, this.take(n * 4), n);
  }
  i32(n: number): Int32Array {
    return new Int32Array(this.buffer, this.take(n * 4), n);
  }
  u32(n: number): Uint32Array {
    return new Uint32Array(this.buffer, this.take(n * 4), n);
  }
  u16(n: number): Uint16Array {
    return new Uint16Array(this.buffer, this.take(n * 2), n);
  }
  i16(n: number): Int16Array {
    return new Int16Array(this.buffer, this.take(n * 2), n);
  }
  i8(n: number): Int8Array {
    return new Int8Array(this.buffer, this.take(n), n);
  }
  u8(n: number): Uint8Array {
    return new Uint8Array(this.buffer, this.take(n), n);
  }
}
