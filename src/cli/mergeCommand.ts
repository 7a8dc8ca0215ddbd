import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MergeError, mergeShards } from '../run/mergeShards.ts';
import { RUN_DATA_FILE, RunDataFileError } from '../run/runDataFile.ts';
import { checkOutputArg, parseCommandArgs } from './args.ts';
import { type CliIO, EXIT, UsageError, noticeTo } from './io.ts';

export const MERGE_HELP = `framescope merge <dir>... --out <dir> [options]

Combines the output folders of shard runs (framescope analyze --shard i/n) into exactly what one
run over the whole corpus writes: articles in input order, every corpus-level figure recomputed
from the per-article data in each folder's ${RUN_DATA_FILE}.

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
    if (!existsSync(join(dir, RUN_DATA_FILE)))
      throw new UsageError(
        `merge: ${dir} has no ${RUN_DATA_FILE}; give folders written by framescope analyze --shard`,
      );
  }
  await checkOutputArg(
    'merge',
    {
      out: values.out,
      force: values.force,
      inputs: dirs.map((path) => ({ path, what: 'the shard folder' })),
    },
    io,
  );
  try {
    const { overview: data, header } = await mergeShards(dirs, values.out, noticeTo(io));
    const errors = data.issueCounts.error;
    const warnings = data.issueCounts.warning;
    if (!values.quiet)
      io.stderr(
        `framescope: merged ${dirs.length} shards: ${data.records.length} articles analysed, ${data.skipped.length} skipped, ${errors} errors, ${warnings} warnings; reports in ${values.out}\n`,
      );
    if (errors > 0 || (header.run.settings['strict'] === 'true' && data.issues.length > 0))
      return EXIT.dataProblems;
    return EXIT.ok;
  } catch (e) {
    if (e instanceof MergeError || e instanceof RunDataFileError) {
      io.stderr(`framescope: merge: ${e.message}\n`);
      return EXIT.couldNotRun;
    }
    throw e;
  }
}
