import type { ChunkStore } from '../report/outputFiles.ts';

/**
 * Per-article chunks of a file whose rows are ordered by article id rather than input order
 * (attributions.csv, scores_long.csv): each chunk goes to a store as the article arrives and only
 * its key stays in memory; at the end the chunks are read back in key order. The sort is stable,
 * so articles with equal ids keep their input order, as `Array.prototype.sort` keeps them.
 */
export class SortedChunks {
  private readonly keys: string[] = [];
  private readonly refs: number[] = [];

  constructor(
    private readonly store: ChunkStore,
    private readonly compare: (a: string, b: string) => number,
  ) {}

  add(key: string, text: string | Uint8Array): void {
    // An article without rows adds nothing to the file, wherever it sorts.
    if (text.length === 0) return;
    this.keys.push(key);
    this.refs.push(this.store.put(text));
  }

  /** Every chunk, in key order; the store is closed after the last. */
  *inOrder(): Generator<string | Uint8Array> {
    const order = this.keys.map((_, i) => i);
    order.sort((a, b) => this.compare(this.keys[a] as string, this.keys[b] as string) || a - b);
    for (const i of order) yield this.store.read(this.refs[i] as number);
    this.store.close();
  }
}
