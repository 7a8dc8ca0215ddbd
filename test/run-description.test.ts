import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import test from 'ava';
import { describeHere, describeInWorker } from '../src/parallel/runDescription.ts';
import { repoRoot } from './helpers/shared.ts';

const badPack = join(repoRoot, 'test', 'fixtures', 'lexicons', 'unknown-field.yaml');

test('a run described in a worker thread states the same packs, problems and metrics as in this thread', async (t) => {
  for (const options of [{}, { lexicons: [badPack] }, { builtinLexicons: false, lexicons: [badPack] }]) {
    const here = describeHere(options);
    const there = await describeInWorker(options);
    t.deepEqual(there, here);
    t.true(here.metrics.length > 0);
  }
  t.true(describeHere({ lexicons: [badPack] }).lexiconIssues.some((i) => i.code === 'lexicon/unknown-field'));
});

test('a failure while describing the run in a worker is an error with its message', async (t) => {
  const error = await t.throwsAsync(describeInWorker({ lexicons: 'not-a-list' as never }));
  t.truthy(error?.message);
});

test('with worker threads the main thread of analyze never loads the NLP model', (t) => {
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
const jobs2 = await main(['analyze', 'reports/example-corpus', '--out', out, '--quiet', '--jobs', '2'], io);
const afterJobs2 = winkLoaded();
const jobs1 = await main(['analyze', 'reports/example-corpus', '--out', out, '--quiet', '--force', '--jobs', '1'], io);
process.stdout.write(JSON.stringify({ jobs2, afterJobs2, jobs1, afterJobs1: winkLoaded() }));
`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  t.is(run.status, 0, run.stderr);
  // One thread analyses in the main thread, so there the model must be loaded: the check can fail.
  t.deepEqual(JSON.parse(run.stdout), { jobs2: 0, afterJobs2: false, jobs1: 0, afterJobs1: true });
});
