import { join } from 'node:path';
import type { RunOverview } from '../report/runData.ts';
import {
  RUN_DATA_FILE,
  type RunDataEnd,
  type RunDataHeader,
  type RunDataRecord,
  openRunDataFile,
} from './runDataFile.ts';
import { RunFolder } from './runFolder.ts';
import { runTime } from './stageClock.ts';

/** Shard folders that do not make one run: said to the user as they are found. */
export class MergeError extends Error {}

/** The shards must be the n shards of one run, each once, with the same settings and version. */
function checkHeaders(dirs: readonly string[], headers: readonly RunDataHeader[]): void {
  const first = headers[0] as RunDataHeader;
  const shared = (h: RunDataHeader) =>
    JSON.stringify({ run: h.run, runIssues: h.runIssues, output: h.output });
  headers.forEach((h, i) => {
    if (h.run.toolVersion !== first.run.toolVersion)
      throw new MergeError(
        `${dirs[i]} was written by framescope ${h.run.toolVersion}, ${dirs[0]} by ${first.run.toolVersion}; merge the outputs of one version`,
      );
    if (shared(h) !== shared(first))
      throw new MergeError(
        `${dirs[i]} was run with other settings or lexicons than ${dirs[0]} (settings ${JSON.stringify(h.run.settings)} vs ${JSON.stringify(first.run.settings)}); merge the shards of one run`,
      );
  });
  const shards = headers.map((h, i) => {
    const m = h.shard === null ? null : /^(\d+)\/(\d+)$/.exec(h.shard);
    if (m === null)
      throw new MergeError(
        `${dirs[i]} is not a shard (it was run without --shard); nothing to merge it with`,
      );
    return { index: Number(m[1]), count: Number(m[2]), dir: dirs[i] as string };
  });
  const count = (shards[0] as { count: number }).count;
  const seen = new Map<number, string>();
  for (const s of shards) {
    if (s.count !== count)
      throw new MergeError(
        `${s.dir} is shard ${s.index}/${s.count}, but ${dirs[0]} is one of ${count} shards`,
      );
    const other = seen.get(s.index);
    if (other !== undefined) throw new MergeError(`${other} and ${s.dir} are both shard ${s.index}/${count}`);
    seen.set(s.index, s.dir);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0)
    throw new MergeError(
      `shard ${missing.map((i) => `${i}/${count}`).join(', ')} missing; give all ${count} shard folders`,
    );
}

/**
 * Every shard's run-data file must end with its end line (a shard that did not finish, or lost its
 * last lines, has none: its own count of items is checked as it is read), the reader must have
 * numbered the same total in each, and an input file two shards read must have had the same
 * contents in both. Returns the total.
 */
function checkEnds(dirs: readonly string[], ends: readonly (RunDataEnd | null)[]): number {
  const missing = ends.findIndex((e) => e === null);
  if (missing >= 0)
    throw new MergeError(
      `${dirs[missing]}/${RUN_DATA_FILE} has no end line: the shard did not finish, or the file lost its last lines; run the shard again`,
    );
  const all = ends as readonly RunDataEnd[];
  const first = all[0] as RunDataEnd;
  const hashes = new Map<string, { sha256: string; dir: string }>();
  all.forEach((end, i) => {
    if (end.total !== first.total)
      throw new MergeError(
        `${dirs[i]} was run over an input of ${end.total} items, ${dirs[0]} over one of ${first.total}; merge the shards of one input`,
      );
    for (const f of end.input_files) {
      const seen = hashes.get(f.file);
      if (seen === undefined) hashes.set(f.file, { sha256: f.sha256, dir: dirs[i] as string });
      else if (seen.sha256 !== f.sha256)
        throw new MergeError(
          `${seen.dir} and ${dirs[i]} read different contents of ${f.file} (SHA-256 ${seen.sha256.slice(0, 12)}... vs ${f.sha256.slice(0, 12)}...); run every shard over the same input`,
        );
    }
  });
  return first.total;
}

/**
 * Merges sorted streams of records into one, in `seq` order (a few shards: a linear scan for the
 * smallest head is cheaper than a heap).
 */
async function* mergeBySeq(streams: readonly AsyncGenerator<RunDataRecord>[]): AsyncGenerator<RunDataRecord> {
  const heads: (RunDataRecord | null)[] = await Promise.all(
    streams.map(async (s) => {
      const next = await s.next();
      return next.done ? null : next.value;
    }),
  );
  while (true) {
    let best = -1;
    let bestSeq = Number.POSITIVE_INFINITY;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i];
      if (head && head.seq < bestSeq) {
        best = i;
        bestSeq = head.seq;
      }
    }
    if (best < 0) return;
    yield heads[best] as RunDataRecord;
    const next = await (streams[best] as AsyncGenerator<RunDataRecord>).next();
    heads[best] = next.done ? null : next.value;
  }
}

/**
 * Merges the output folders of the shards of one run into what one run over the whole corpus
 * writes (see RunFolder): the items of every shard's run-data.ndjson in input order, every
 * corpus-level figure recomputed. Throws a MergeError, or a RunDataFileError, naming the folder
 * or line that does not fit; a failed merge leaves `out` as it was.
 */
export async function mergeShards(
  dirs: readonly string[],
  out: string,
  notice?: (message: string) => void,
): Promise<{ readonly overview: RunOverview; readonly header: RunDataHeader }> {
  const startedAt = runTime();
  const files = await Promise.all(dirs.map((d) => openRunDataFile(join(d, RUN_DATA_FILE))));
  const closeAll = () => Promise.all(files.map((f) => f.records.return(undefined)));
  /** Open until the outputs are in place; removed if the merge fails half way. */
  let folder: RunFolder | null = null;
  try {
    const headers = files.map((f) => f.header);
    checkHeaders(dirs, headers);
    const first = headers[0] as RunDataHeader;
    folder = await RunFolder.open(out, { ...first, shard: null }, notice ? { notice } : {});
    folder.addRunIssues(first.runIssues);
    // The reader numbered every item of the whole input, so the shards' numbers are 0..n-1 with
    // no gap and no repeat; anything else means a shard folder was damaged or is from another run.
    let expected = 0;
    for await (const { seq, item } of mergeBySeq(files.map((f) => f.records))) {
      if (seq !== expected)
        throw new MergeError(
          seq < expected
            ? `item ${seq} appears in two shard folders; were the shards run over the same input?`
            : `items ${expected}..${seq - 1} are in no shard folder; is a shard's ${RUN_DATA_FILE} cut short?`,
        );
      expected++;
      await folder.addResult(seq, item);
    }
    const total = checkEnds(
      dirs,
      files.map((f) => f.end()),
    );
    if (expected !== total)
      throw new MergeError(
        `the shards hold items 0..${expected - 1}, but the reader numbered ${total} items in the input; items ${expected}..${total - 1} are in no shard folder (was a shard's ${RUN_DATA_FILE} cut short?)`,
      );
    const done = folder;
    folder = null;
    return { overview: await done.finish({ startedAt, shard: null, total }), header: first };
  } finally {
    await closeAll();
    if (folder !== null) await folder.discard();
  }
}
