// A small seeded pseudo-random generator, so that every benchmark run builds the same bytes.
// Marsaglia's xorshift32 (period 2^32 - 1) is plenty for picking shapes and identifiers;
// nothing here needs statistical quality.

/** Deterministic random numbers from a 32-bit seed. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    // xorshift never leaves zero, so a zero seed is replaced by a fixed non-zero one.
    this.state = (seed >>> 0) || 0x9e3779b9;
  }

  /** The next unsigned 32-bit value. */
  nextUint32(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  /** A random version-4-looking UUID. */
  uuid(): string {
    const hex = '0123456789abcdef';
    return `${this.chars(hex, 8)}-${this.chars(hex, 4)}-4${this.chars(hex, 3)}-`
      + `${this.pick(['8', '9', 'a', 'b'])}${this.chars(hex, 3)}-${this.chars(hex, 12)}`;
  }
}
