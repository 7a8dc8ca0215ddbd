// Runs one analysis exactly as `framescope analyze --jobs N` will once the CLI is wired to the
// parallel engine (src/run/analyzeRun.ts), for the benchmark. Usage:
//   node --import tsx scripts/bench-run.ts <input> <out> <jobs>
import { createAnalyzer } from '../src/analyzer/analyzer.ts';
import { runToFolder } from '../src/run/index.ts';
import { TOOL_VERSION } from '../src/version.ts';

const [input, out, jobsText] = process.argv.slice(2);
if (!input || !out) throw new Error('usage: bench-run.ts <input> <out> <jobs>');
const jobs = Number(jobsText ?? 1);
// The run-level data (packs, metrics): in the main thread only when it analyses too.
const analyzer = createAnalyzer();
const data = await runToFolder({
  source: { input },
  analyzerOptions: {},
  jobs,
  shard: null,
  out,
  run: {
    settings: { input, 'raw-csv': 'false', strict: 'false' },
    packs: analyzer.packs,
    metrics: analyzer.metrics,
    toolVersion: TOOL_VERSION,
  },
  runIssues: analyzer.lexiconIssues,
  options: { safeCells: true },
});
process.stdout.write(`${JSON.stringify({ articles: data.records.length, tokens: data.corpus.tokens })}\n`);
