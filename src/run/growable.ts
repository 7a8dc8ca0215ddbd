type NumberArray = Float64Array | Uint32Array | Int32Array;

/**
 * A typed array that doubles when full: what a long run keeps per article in memory (where each
 * article lies in a scratch file, the number of a metadata value), a few bytes each with no object
 * per article.
 */
export class GrowableArray<T extends NumberArray> {
  private data: T;
  private count = 0;

  constructor(private readonly make: (length: number) => T) {
    this.data = make(1024);
  }

  /** Values set or pushed so far: one past the highest index set. */
  get length(): number {
    return this.count;
  }

  push(value: number): void {
    this.set(this.count, value);
  }

  set(index: number, value: number): void {
    if (index >= this.data.length) {
      const grown = this.make(Math.max(index + 1, 2 * this.data.length));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[index] = value;
    if (index >= this.count) this.count = index + 1;
  }

  at(index: number): number {
    if (!(index >= 0 && index < this.count))
      throw new RangeError(`GrowableArray: expected an index below ${this.count}, found ${index}`);
    return this.data[index] as number;
  }
}
