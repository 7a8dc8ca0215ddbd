import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { ARTICLE_TEXT, framescope, snapshotFiles, tempDir } from './helpers/cli.ts';

/**
 * Issue 16, cases 1-3, 17, 19, 21 and 22 (symlinked --out, input path spelling, read-only file
 * system): a run never loses a user's files and its outputs never depend on how it was started.
 * All are deferred until the run layer of issue 13 lands (src/run/: the staged output folder,
 * merge); each `test.failing` turns into a plain `test` when its case is fixed.
 */

/** A folder holding a corpus of two articles and a user's own file beside it. */
function workspace(): { dir: string; corpus: string } {
  const dir = tempDir('outputs');
  const corpus = join(dir, 'corp');
  mkdirSync(corpus);
  writeFileSync(join(corpus, 'a.txt'), ARTICLE_TEXT);
  writeFileSync(join(corpus, 'b.txt'), 'Crews protested at the pier. The mayor said the plan was unfair.');
  writeFileSync(join(dir, 'notes.txt'), 'my notes');
  return { dir, corpus };
}

// Deferred (run layer): an --out that is, contains or lies inside an input is refused, --force or not.
test.serial(
  'case 1: --out . --force, --out <corpus> --force and --out <parent> --force delete nothing',
  async (t) => {
    const { dir } = workspace();
    const before = snapshotFiles(dir);
    for (const [cwd, out] of [
      [dir, '.'],
      [dir, 'corp'],
      [join(dir, 'corp'), '..'],
    ] as const) {
      const r = await framescope(
        ['analyze', cwd === dir ? 'corp' : '.', '--out', out, '--force', '--quiet'],
        {
          cwd,
        },
      );
      t.is(r.code, 2, `--out ${out}: ${r.stderr}`);
      t.regex(r.stderr, /input/, `--out ${out}: the message says the folder holds the input`);
    }
    t.deepEqual(snapshotFiles(dir), before);
  },
);

// Deferred (run layer): a rerun replaces only what the manifest lists and leaves other files.
test.serial(
  "case 2: files a user adds to an output folder (and agree's outputs there) survive the next run",
  async (t) => {
    const { dir } = workspace();
    t.is((await framescope(['analyze', 'corp', '--out', 'out', '--quiet'], { cwd: dir })).code, 0);
    writeFileSync(join(dir, 'out', 'my-notes.md'), 'notes');
    mkdirSync(join(dir, 'out', 'figures'));
    writeFileSync(join(dir, 'out', 'figures', 'fig1.svg'), '<svg/>');
    writeFileSync(join(dir, 'coded.csv'), 'article,attribution\na.txt,1\nb.txt,0\n');
    const agree = await framescope(['agree', 'coded.csv', 'out'], { cwd: dir });
    t.true(agree.code === 0 || agree.code === 1, agree.stderr);
    const mine = snapshotFiles(join(dir, 'out'), (p) => !/^(my-notes|figures|agreement)/.test(p));
    t.is(mine.size, 4);
    const again = await framescope(['analyze', 'corp', '--out', 'out', '--quiet'], { cwd: dir });
    t.is(again.code, 0, again.stderr);
    t.deepEqual(
      snapshotFiles(join(dir, 'out'), (p) => !/^(my-notes|figures|agreement)/.test(p)),
      mine,
    );
  },
);

/** A process id that is not running: a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid as number;

// Deferred (run layer): staging folders carry a lock (pid and process start time) and are named
// exactly; a crash between the two renames of a commit is recovered by the next run.
test.serial(
  'case 3: a run never removes the staging folder of another --out, nor the old outputs after a crash',
  async (t) => {
    const { dir } = workspace();
    // A concurrent run's staging folder for --out res-2024, made by a live process (this one).
    const other = join(dir, `.framescope-tmp-res-2024-${process.pid}-${Date.now()}`);
    mkdirSync(other);
    writeFileSync(join(other, 'articles.csv'), 'id\n');
    t.is((await framescope(['analyze', 'corp', '--out', 'res', '--quiet'], { cwd: dir })).code, 0);
    t.true(existsSync(join(other, 'articles.csv')), 'the concurrent staging folder was removed');
    // A crash between the renames: the outputs sit in the "-old" folder, the target is gone.
    const manifest = readFileSync(join(dir, 'res', 'manifest.json'), 'utf8');
    renameSync(join(dir, 'res'), join(dir, `.framescope-tmp-res-${deadPid()}-1700000000000-old`));
    const failed = await framescope(['analyze', 'missing-input', '--out', 'res', '--quiet'], { cwd: dir });
    t.is(failed.code, 2);
    t.is(readFileSync(join(dir, 'res', 'manifest.json'), 'utf8'), manifest, 'the old outputs are restored');
  },
);

// Deferred (run layer): an --out inside an input folder is refused (case 1's rule).
test.serial(
  'case 17: --out inside the input folder is refused, so a rerun never reads its own outputs',
  async (t) => {
    const { dir, corpus } = workspace();
    const before = snapshotFiles(corpus);
    const r = await framescope(['analyze', 'corp', '--out', 'corp/out', '--quiet'], { cwd: dir });
    t.is(r.code, 2, r.stderr);
    t.regex(r.stderr, /inside the input/);
    t.deepEqual(snapshotFiles(corpus), before);
  },
);

// Deferred (run layer): each shard's header records its item count and the input files' hashes;
// merge checks both.
test.serial(
  'case 19: merge refuses shards of different input contents and a shard cut short at its end',
  async (t) => {
    const dir = tempDir('outputs');
    const lines = Array.from({ length: 12 }, (_, i) =>
      JSON.stringify({ id: `m${i}`, text: `Story ${i}. The minister said the accord was fair.` }),
    );
    writeFileSync(join(dir, 'c.jsonl'), `${lines.join('\n')}\n`);
    for (const i of [1, 2])
      t.is(
        (
          await framescope(['analyze', 'c.jsonl', '--shard', `${i}/2`, '--out', `s${i}`, '--quiet'], {
            cwd: dir,
          })
        ).code,
        0,
      );
    // The same path, other contents, for the second shard.
    writeFileSync(join(dir, 'c.jsonl'), `${lines.map((l) => l.replace('fair', 'unfair')).join('\n')}\n`);
    t.is(
      (await framescope(['analyze', 'c.jsonl', '--shard', '2/2', '--out', 's2b', '--quiet'], { cwd: dir }))
        .code,
      0,
    );
    const mixed = await framescope(['merge', 's1', 's2b', '--out', 'm1', '--quiet'], { cwd: dir });
    t.is(mixed.code, 2, mixed.stderr);
    // A shard that lost its last line: the run-data file cut by one record.
    const data = join(dir, 's2', 'run-data.ndjson');
    const kept = readFileSync(data, 'utf8').trimEnd().split('\n');
    writeFileSync(data, `${kept.slice(0, -1).join('\n')}\n`);
    const cut = await framescope(['merge', 's1', 's2', '--out', 'm2', '--quiet'], { cwd: dir });
    t.is(cut.code, 2, cut.stderr);
  },
);

// Deferred (report writers split): page names unique without regard to case, never hidden, never
// a Windows device name.
test.serial(
  'case 21: HTML page names differ without regard to case, are never hidden, never CON',
  async (t) => {
    const dir = tempDir('outputs');
    const ids = ['A', 'a', '.', '..', 'CON', 'con.txt'];
    writeFileSync(
      join(dir, 'c.jsonl'),
      ids
        .map((id, i) => `${JSON.stringify({ id, text: `Story ${i}. The minister said it was fair.` })}\n`)
        .join(''),
    );
    const r = await framescope(['analyze', 'c.jsonl', '--html', '--out', 'out', '--quiet'], { cwd: dir });
    t.is(r.code, 0, r.stderr);
    const pages = readdirSync(join(dir, 'out', 'html')).filter(
      (f) => f.endsWith('.html') && f !== 'index.html',
    );
    t.is(pages.length, ids.length, pages.join(', '));
    t.is(new Set(pages.map((p) => p.toLowerCase())).size, ids.length);
    for (const p of pages) {
      t.false(p.startsWith('.'), p);
      t.false(/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(p), p);
    }
  },
);

// Deferred (run layer): a symlinked --out is written through (the link is kept), a commit swaps
// the folder the link points to.
test.serial('case 22: a symlinked --out stays a link to the folder the user chose', async (t) => {
  const dir = tempDir('outputs');
  writeFileSync(join(dir, 'a.txt'), ARTICLE_TEXT);
  mkdirSync(join(dir, 'real-out'));
  symlinkSync(join(dir, 'real-out'), join(dir, 'out'));
  const r = await framescope(['analyze', 'a.txt', '--out', 'out', '--quiet'], { cwd: dir });
  t.is(r.code, 0, r.stderr);
  t.true(lstatSync(join(dir, 'out')).isSymbolicLink());
  t.true(existsSync(join(dir, 'real-out', 'manifest.json')));
});

// Deferred (report writers): files are named relative to the input given, in every output but the
// manifest's record of the command.
test.serial(
  'case 22: the same input given by a relative or an absolute path gives the same outputs',
  async (t) => {
    const { dir } = workspace();
    t.is((await framescope(['analyze', 'corp', '--out', 'rel', '--quiet'], { cwd: dir })).code, 0);
    t.is((await framescope(['analyze', join(dir, 'corp'), '--out', 'abs', '--quiet'], { cwd: dir })).code, 0);
    const rel = snapshotFiles(join(dir, 'rel'), (p) => p === 'manifest.json');
    const abs = snapshotFiles(join(dir, 'abs'), (p) => p === 'manifest.json');
    const differ = [...rel.keys()].filter((k) => rel.get(k) !== abs.get(k));
    t.deepEqual(differ, []);
  },
);

/**
 * A folder on a read-only file system: root mounts a small read-only tmpfs for the test (removed
 * when the tests end); elsewhere there is none and the case is skipped, saying why.
 */
function readOnlyFolder(): string | null {
  if (process.getuid?.() !== 0) return null;
  const dir = tempDir('rofs');
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', dir]).status !== 0) return null;
  process.on('exit', () => spawnSync('umount', [dir]));
  return dir;
}

const readOnly = readOnlyFolder();
// Deferred (run layer): the write error's own code and path are reported.
(readOnly === null ? test.skip : test.serial)(
  `case 22: an --out on a read-only file system is reported as read-only, not as ENOENT${readOnly === null ? ' (skipped: no read-only file system can be mounted here)' : ''}`,
  async (t) => {
    const dir = tempDir('outputs');
    writeFileSync(join(dir, 'a.txt'), ARTICLE_TEXT);
    const r = await framescope(['analyze', 'a.txt', '--out', join(readOnly ?? dir, 'out'), '--quiet'], {
      cwd: dir,
    });
    t.is(r.code, 2);
    t.regex(r.stderr, /read-only|EROFS/);
    t.notRegex(r.stderr, /ENOENT/);
  },
);
