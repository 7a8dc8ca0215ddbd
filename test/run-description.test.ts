import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { type AnalyzerOptions, createAnalyzer } from '../src/analyzer/analyzer.ts';
import { type RunDescription, describeRun } from '../src/run/describeRun.ts';

/** A description worked out in this thread (one job) or in a worker (two), with a cache or none. */
const describeHere = (options: Partial<AnalyzerOptions>, cacheDir: string | null = null) =>
  describeRun(options, 1, cacheDir);
const describeInWorker = (options: Partial<AnalyzerOptions>, cacheDir: string | null = null) =>
  describeRun(options, 2, cacheDir);
import { repoRoot } from './helpers/shared.ts';

const badPack = join(repoRoot, 'test', 'fixtures', 'lexicons', 'unknown-field.yaml');

const SAMPLE = {
  id: 's',
  text: '"A stabilizing force," the ministry said, while analysts noted the so-called reforms on Monday.',
  metadata: {},
  source: { file: 'sample.txt', format: 'txt' },
} as const;

/**
 * Two descriptions are the same: packs, problems and metrics field by field, and their compiled
 * lexicons by what an analyzer made from each finds in a sample (a deep comparison of the compiled
 * lexicons themselves takes ava minutes).
 */
function sameDescription(
  t: ExecutionContext,
  options: Partial<AnalyzerOptions>,
  actual: RunDescription,
  expected: RunDescription,
): void {
  const { prepared: a, ...restA } = actual;
  const { prepared: b, ...restB } = expected;
  t.deepEqual(restA, restB);
  const found = createAnalyzer(options, a).analyze(SAMPLE);
  t.deepEqual(found, createAnalyzer(options, b).analyze(SAMPLE));
  // The sample has hits of the built-in packs, so the comparison is not between two empty lists.
  if (options.builtinLexicons !== false) t.true(found.result.matches.length > 0);
}

test('a run described in a worker thread states the same packs, problems and metrics as in this thread', async (t) => {
  for (const options of [{}, { lexicons: [badPack] }, { builtinLexicons: false, lexicons: [badPack] }]) {
    const here = await describeHere(options);
    const there = await describeInWorker(options);
    sameDescription(t, options, there, here);
    t.true(here.metrics.length > 0);
  }
  t.true(
    (await describeHere({ lexicons: [badPack] })).lexiconIssues.some(
      (i) => i.code === 'lexicon/unknown-field',
    ),
  );
});

test('a run description read back from the compiled-lexicon cache is the one worked out afresh', async (t) => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'framescope-describe-cache-'));
  t.teardown(() => rmSync(cacheDir, { recursive: true, force: true }));
  for (const options of [{}, { lexicons: [badPack] }]) {
    const fresh = await describeHere(options);
    const stored = await describeHere(options, cacheDir);
    const readBack = await describeInWorker(options, cacheDir);
    sameDescription(t, options, stored, fresh);
    sameDescription(t, options, readBack, fresh);
  }
  // One entry per set of options: the second description of each was a hit, not a new entry.
  t.is(readdirSync(cacheDir).filter((f) => f.endsWith('.v8')).length, 2);
  const missing = join(cacheDir, 'no-such-pack.yaml');
  await t.throwsAsync(describeHere({ lexicons: [missing] }, cacheDir), { message: /no-such-pack\.yaml/ });
});

test('a failure while describing the run in a worker is an error with its message', async (t) => {
  const error = await t.throwsAsync(describeInWorker({ lexicons: 'not-a-list' as never }));
  t.truthy(error?.message);
});

test('with worker threads the main thread of analyze never loads the NLP model, lexicons cached or not', (t) => {
  const script = `
import { register } from 'tsx/esm/api';
register();
const { main } = await import('./src/cli/main.ts');
const { winkLoaded } = await import('./src/text/winkModel.ts');
const { mkdtempSync } = await import('node:fs');
const { join } = await import('node:path');
const { tmpdir } = await import('node:os');
const out = join(mkdtempSync(join(tmpdir(), 'framescope-nomodel-')), 'o');
const io = { stdout() {}, stderr() {}, stderrIsTTY: false };
const args = ['analyze', 'reports/example-corpus', '--out', out, '--quiet', '--force'];
// With a cache, the first run compiles the lexicons (in a worker) and keeps them, the second reads them back.
const first = await main([...args, '--jobs', '2'], io);
const second = await main([...args, '--jobs', '2'], io);
const afterJobs2 = winkLoaded();
const jobs1 = await main([...args, '--jobs', '1'], io);
process.stdout.write(JSON.stringify({ first, second, afterJobs2, jobs1, afterJobs1: winkLoaded() }));
`;
  const cacheDir = mkdtempSync(join(tmpdir(), 'framescope-nomodel-cache-'));
  t.teardown(() => rmSync(cacheDir, { recursive: true, force: true }));
  for (const cache of ['off', cacheDir]) {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, FRAMESCOPE_CACHE_DIR: cache },
    });
    t.is(run.status, 0, run.stderr);
    // One thread analyses in the main thread, so there the model must be loaded: the check can fail.
    t.deepEqual(
      JSON.parse(run.stdout),
      { first: 0, second: 0, afterJobs2: false, jobs1: 0, afterJobs1: true },
      `cache ${cache}`,
    );
  }
  t.is(readdirSync(cacheDir).filter((f) => f.endsWith('.v8')).length, 1);
});
