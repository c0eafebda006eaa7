/** The org's daily API request allocation: counted per request, reported in `Sforce-Limit-Info`, 403 when spent. */
import type { EmulatorClock } from '../kit/index.js';

const DAY = 86_400_000;

/**
 * Daily quota. Salesforce counts over a rolling 24 h; the emulator resets at UTC midnight of its clock,
 * which is what tests need: a quota that can be spent and that comes back.
 */
export class ApiUsage {
  max: number;
  #used = 0;
  #day: number;
  readonly #clock: EmulatorClock;

  constructor(clock: EmulatorClock, max: number) {
    this.#clock = clock;
    this.max = max;
    this.#day = Math.floor(clock.now() / DAY);
  }

  #roll(): void {
    const day = Math.floor(this.#clock.now() / DAY);
    if (day !== this.#day) {
      this.#day = day;
      this.#used = 0;
    }
  }

  /** Requests counted today. */
  get used(): number {
    this.#roll();
    return this.#used;
  }

  /** Counts one request; false when the allocation is already spent (the request is refused). */
  consume(): boolean {
    this.#roll();
    if (this.#used >= this.max) return false;
    this.#used++;
    return true;
  }

  /** Sets today's usage (tests: "the org has 10 requests left"). */
  setUsed(used: number): void {
    this.#roll();
    this.#used = used;
  }

  /** `api-usage=N/M`, the value of the `Sforce-Limit-Info` header. */
  header(): string {
    return `api-usage=${this.used}/${this.max}`;
  }
}
