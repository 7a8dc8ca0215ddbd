import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { SMALL_INPUT_BYTES, jobsOf } from '../src/run/jobs.ts';

test('one job by default for a small input, every core for a large one or stdin, --jobs when given', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'framescope-jobs-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const folder = join(dir, 'corpus');
  mkdirSync(folder);
  writeFileSync(join(folder, 'a.txt'), 'A short article.\n');
  const cores = availableParallelism();
  t.is(await jobsOf('analyze', undefined, folder), 1);
  // Over analyze's limit and under score's: the two commands differ.
  const middling = join(folder, 'b.txt');
  writeFileSync(middling, 'x'.repeat(SMALL_INPUT_BYTES.analyze + 10));
  t.is(await jobsOf('analyze', undefined, folder), cores);
  t.is(await jobsOf('score', undefined, folder), 1);
  t.is(await jobsOf('analyze', undefined, middling), cores);
  t.is(await jobsOf('analyze', undefined, '-'), cores);
  t.is(await jobsOf('analyze', '3', folder), 3);
  await t.throwsAsync(jobsOf('score', 'many', folder), { message: /^score: .*many/ });
});
