import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkOutputDir } from '../run/outputFolder.ts';
import {
  RESULTS_FILE,
  ResultsFileError,
  type ResultsHeader,
  type ResultsRecord,
  openResultsFile,
} from '../run/runDataFile.ts';
import { RunWriter } from '../run/runFolder.ts';
import { parseCommandArgs } from './args.ts';
import { type CliIO, EXIT, UsageError } from './io.ts';

export const MERGE_HELP = `framescope merge <dir>... --out <dir> [options]

Combines the output folders of shard runs (framescope analyze --shard i/n) into exactly what one
run over the whole corpus writes: articles in input order, every corpus-level figure recomputed
from the per-article data in each folder's ${RESULTS_FILE}.

Options:
  --out <dir>   where to write the merged reports (required)
  --force       replace --out even if framescope did not write it
  --quiet       no summary line on stderr
  -h, --help    this help

Every shard 1..n of the same run must be given once; framescope refuses a set of folders with a
shard missing or repeated, or run with different settings or versions.
`;

function parse(args: string[]) {
  return parseCommandArgs('merge', args, {
    out: { type: 'string' },
    force: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
}

class MergeError extends Error {}

/** The shards must be the n shards of one run, each once, with the same settings and version. */
function checkHeaders(dirs: readonly string[], headers: readonly ResultsHeader[]): void {
  const first = headers[0] as ResultsHeader;
  const shared = (h: ResultsHeader) =>
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
 * Merges sorted streams of records into one, in `seq` order (a few shards: a linear scan for the
 * smallest head is cheaper than a heap).
 */
async function* mergeBySeq(streams: readonly AsyncGenerator<ResultsRecord>[]): AsyncGenerator<ResultsRecord> {
  const heads: (ResultsRecord | null)[] = await Promise.all(
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
    yield heads[best] as ResultsRecord;
    const next = await (streams[best] as AsyncGenerator<ResultsRecord>).next();
    heads[best] = next.done ? null : next.value;
  }
}

/** `framescope merge`: combines shard output folders into the outputs of one run. Returns the exit code. */
export async function runMerge(args: string[], io: CliIO): Promise<number> {
  const { values, positionals: dirs } = parse(args);
  if (values.help) {
    io.stdout(MERGE_HELP);
    return EXIT.ok;
  }
  if (dirs.length === 0) throw new UsageError('merge: expected the output folders of the shards to merge');
  if (!values.out) throw new UsageError('merge: expected --out <dir> for the merged reports');
  for (const dir of dirs) {
    if (!existsSync(join(dir, RESULTS_FILE)))
      throw new UsageError(
        `merge: ${dir} has no ${RESULTS_FILE}; give folders written by framescope analyze --shard`,
      );
  }
  // A folder framescope did not write is refused as a usage error (exit 2).
  await checkOutputDir(values.out, values.force);

  const startedAt = new Date();
  const files = await Promise.all(dirs.map((d) => openResultsFile(join(d, RESULTS_FILE))));
  const closeAll = () => Promise.all(files.map((f) => f.records.return(undefined)));
  /** Open until the outputs are in place; removed if the merge fails half way. */
  let writer: RunWriter | null = null;
  try {
    const headers = files.map((f) => f.header);
    checkHeaders(dirs, headers);
    const first = headers[0] as ResultsHeader;
    writer = await RunWriter.open(values.out, { ...first, shard: null });
    writer.addRunIssues(first.runIssues);
    // The reader numbered every item of the whole input, so the shards' numbers are 0..n-1 with
    // no gap and no repeat; anything else means a shard folder was damaged or is from another run.
    let expected = 0;
    for await (const { seq, item } of mergeBySeq(files.map((f) => f.records))) {
      if (seq !== expected)
        throw new MergeError(
          seq < expected
            ? `item ${seq} appears in two shard folders; were the shards run over the same input?`
            : `items ${expected}..${seq - 1} are in no shard folder; is a shard's ${RESULTS_FILE} cut short?`,
        );
      expected++;
      await writer.writeResult(seq, item);
    }
    const done = writer;
    writer = null;
    const data = await done.finish({ startedAt, shard: null });
    const errors = data.issueCounts.error;
    const warnings = data.issueCounts.warning;
    if (!values.quiet)
      io.stderr(
        `framescope: merged ${dirs.length} shards: ${data.records.length} articles analysed, ${data.skipped.length} skipped, ${errors} errors, ${warnings} warnings; reports in ${values.out}\n`,
      );
    if (errors > 0 || (first.run.settings['strict'] === 'true' && data.issues.length > 0))
      return EXIT.dataProblems;
    return EXIT.ok;
  } catch (e) {
    if (e instanceof MergeError || e instanceof ResultsFileError) {
      io.stderr(`framescope: merge: ${e.message}\n`);
      return EXIT.couldNotRun;
    }
    throw e;
  } finally {
    await closeAll();
    if (writer !== null) await writer.discard();
  }
}
