import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import test from 'ava';
import {
  MARKER,
  STAGING_FILES,
  commitStaging,
  createStaging,
  recoverInterrupted,
} from '../src/run/outputCommit.ts';
import { snapshotFiles } from './helpers/cli.ts';

/**
 * Issue 16, case 3: a commit cut short at any point (the process killed between any two renames)
 * is rolled back by the next run, which puts the previous outputs back and deletes none of them.
 * The crash states are laid out as the commit leaves them: the journal, then the previous run's
 * files moved aside one by one (the manifest last), then the new ones moved in (the manifest last).
 */

/** A process id that is not running: a child that has exited. */
const deadProcess = () => ({ pid: spawnSync(process.execPath, ['-e', '0']).pid as number, start: '1' });

const PREVIOUS_FILES = ['articles.csv', 'html/a.html', 'old-only.csv', MARKER];
const NEW_FILES = ['articles.csv', 'html/a.html', 'html/b.html', MARKER];

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** An output folder of a previous run (its manifest lists its files) with a user's files beside them. */
function previousRun(): { target: string; before: Map<string, string> } {
  const root = mkdtempSync(join(tmpdir(), 'framescope-commit-'));
  const target = join(root, 'out');
  const listed = PREVIOUS_FILES.filter((f) => f !== MARKER).map((file) => ({ file }));
  for (const f of PREVIOUS_FILES)
    write(
      join(target, f),
      f === MARKER ? JSON.stringify({ tool: 'framescope', outputs: listed }) : `old ${f}`,
    );
  write(join(target, 'notes.md'), "the user's notes");
  write(join(target, 'html', 'mine.html'), "the user's page");
  return { target, before: snapshotFiles(target) };
}

/** A staging folder of a run that has died, holding the new files. */
function staged(target: string): string {
  const staging = createStaging(target, deadProcess());
  for (const f of NEW_FILES) write(join(staging, f), `new ${f}`);
  return staging;
}

const last = (a: string, b: string) => Number(a === MARKER) - Number(b === MARKER);

test('a commit killed between any two of its renames is rolled back: the previous outputs come back whole', (t) => {
  const moves = PREVIOUS_FILES.length + NEW_FILES.length;
  for (let done = 0; done <= moves; done++) {
    const { target, before } = previousRun();
    const staging = staged(target);
    const previous = [...PREVIOUS_FILES].sort(last);
    const written = [...NEW_FILES].sort(last);
    write(
      join(staging, STAGING_FILES.journal),
      JSON.stringify({ state: 'moving', created: false, previous, written }),
    );
    const steps = [
      ...previous.map((f) => [join(target, f), join(staging, STAGING_FILES.previous, f)]),
      ...written.map((f) => [join(staging, f), join(target, f)]),
    ];
    for (const [from, to] of steps.slice(0, done)) {
      mkdirSync(dirname(to as string), { recursive: true });
      renameSync(from as string, to as string);
    }
    const notes = recoverInterrupted(target);
    t.deepEqual(snapshotFiles(target), before, `killed after ${done} renames`);
    t.deepEqual(
      readdirSync(dirname(target)).filter((f) => f.startsWith('.framescope-tmp-')),
      [],
      'the staging folder is gone',
    );
    t.is(notes.length, 1);
    rmSync(dirname(target), { recursive: true, force: true });
  }
});

test('a commit that finished its renames keeps the new outputs; the user files stay in every case', (t) => {
  const { target } = previousRun();
  const staging = staged(target);
  const kept = commitStaging(staging, target, NEW_FILES);
  t.deepEqual(kept, ['html/mine.html', 'notes.md']);
  const after = snapshotFiles(target);
  t.deepEqual(
    [...after.keys()].sort(),
    ['articles.csv', 'html/a.html', 'html/b.html', 'html/mine.html', MARKER, 'notes.md'].sort(),
  );
  t.is(after.get('notes.md'), Buffer.from("the user's notes").toString('base64'));
  t.deepEqual(readdirSync(dirname(target)), ['out']);
});

test("recovery leaves alone another output folder's staging, a live run's, and one without a lock", (t) => {
  const { target, before } = previousRun();
  const root = dirname(target);
  const other = staged(join(root, 'out-2024'));
  const live = createStaging(target);
  const foreign = join(root, '.framescope-tmp-out-123-456');
  mkdirSync(foreign);
  write(join(foreign, 'x.csv'), 'not ours to remove');
  t.deepEqual(recoverInterrupted(target), []);
  t.deepEqual(snapshotFiles(target), before);
  for (const dir of [other, live, foreign])
    t.true(readdirSync(root).includes(dir.slice(root.length + 1)), dir);
});

test('a new file where the user has one of the same name is refused before anything moves', (t) => {
  const { target } = previousRun();
  write(join(target, 'html', 'b.html'), "the user's own b");
  const before = snapshotFiles(target);
  const staging = staged(target);
  const error = t.throws(() => commitStaging(staging, target, NEW_FILES));
  t.regex(error?.message ?? '', /html\/b\.html/);
  t.deepEqual(snapshotFiles(target), before);
});
