import type { CorpusItem } from './items.ts';

/**
 * Shards: a deterministic share of a corpus for one process of a cluster job. Every item lands in
 * exactly one shard, decided by a hash of its article id alone, so the same id goes to the same
 * shard on every machine, whatever the order of the input or the number of cores.
 */

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** An item with its place in the whole input (counted before sharding), so shards can be merged back. */
export interface Numbered<T> {
  readonly seq: number;
  readonly item: T;
}

/** FNV-1a over the UTF-16 code units of the id: stable across platforms and Node versions. */
export function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // A final avalanche, so ids that differ in their last character still spread over all shards.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

function checkShard(index: number, count: number): void {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`--shard i/n needs a whole number n of 1 or more, found ${count}`);
  if (!Number.isInteger(index) || index < 1 || index > count)
    throw new RangeError(`--shard i/n needs i from 1 to ${count}, found ${index}`);
}

/** Whether the article `articleId` belongs to shard `index` (1-based) of `count`. */
export function inShard(articleId: string, index: number, count: number): boolean {
  checkShard(index, count);
  return (idHash(articleId) % count) + 1 === index;
}

/** Parses `i/n` as given to `--shard` (1-based `i`). Throws a RangeError saying what was expected. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new RangeError(`--shard expects i/n (e.g. 2/8, 1-based), instead found "${text}"`);
  const shard = { index: Number(m[1]), count: Number(m[2]) };
  checkShard(shard.index, shard.count);
  return shard;
}

export const formatShard = (shard: Shard): string => `${shard.index}/${shard.count}`;

/**
 * The id that decides an item's shard. Problems that name no article (a metadata file that does
 * not parse, a sidecar row that matches nothing) go to shard 1, so they are listed exactly once.
 */
export function shardKeyOf(item: CorpusItem): string | null {
  if (item.kind === 'article') return item.article.id;
  if (item.kind === 'skipped') return item.skipped.id;
  return item.issue.articleId ?? null;
}

/** Numbers every item of a stream in input order (0-based): do this before sharding. */
export async function* numberItems<T>(items: AsyncIterable<T>): AsyncGenerator<Numbered<T>> {
  let seq = 0;
  for await (const item of items) yield { seq: seq++, item };
}

/** Keeps the items of one shard, with their original numbers; `null` keeps everything. */
export async function* shardFilter(
  items: AsyncIterable<Numbered<CorpusItem>>,
  shard: Shard | null,
): AsyncGenerator<Numbered<CorpusItem>> {
  if (shard === null) {
    yield* items;
    return;
  }
  checkShard(shard.index, shard.count);
  for await (const numbered of items) {
    const key = shardKeyOf(numbered.item);
    const index = key === null ? 1 : (idHash(key) % shard.count) + 1;
    if (index === shard.index) yield numbered;
  }
}
