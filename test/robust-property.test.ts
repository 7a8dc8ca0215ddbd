import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import test from 'ava';
import fc from 'fast-check';
import { ARTICLE_TEXT, framescope, snapshotFiles, tempDir } from './helpers/cli.ts';

/**
 * Issue 16's property: for random layouts of input, output and user files, no run (with or
 * without --force, killed at a random point or not, then run again) deletes or changes a file
 * framescope did not write. Each case starts real runs of the command, so the count is modest;
 * the seed is fixed and printed, and FRAMESCOPE_PROPERTY_RUNS raises the count.
 */

const SEED = 1616;
const RUNS = Number(process.env['FRAMESCOPE_PROPERTY_RUNS'] ?? 6);

/** Where the user keeps files of their own (some inside the corpus, some where --out may point). */
const USER_FILES = [
  'notes.txt',
  'data/keep.csv',
  'data/corp/extra.md',
  'out/mine.txt',
  'out/figures/fig.svg',
  'res-2024/x.txt',
];
const OUTS = ['out', '.', 'data', 'data/corp', 'data/corp/out', 'res', 'res-2024'];

interface Layout {
  readonly userFiles: readonly string[];
  readonly previousRun: boolean;
  readonly out: string;
  readonly force: boolean;
  readonly killAfterMs: number | null;
}

const layouts = fc.record<Layout>({
  userFiles: fc.subarray(USER_FILES, { minLength: 1 }),
  previousRun: fc.boolean(),
  out: fc.constantFrom(...OUTS),
  force: fc.boolean(),
  killAfterMs: fc.option(fc.integer({ min: 200, max: 4_000 }), { nil: null }),
});

/** The files a framescope run wrote into `out`, by its manifest (and the manifest itself). */
function writtenBy(dir: string, out: string): Set<string> {
  const manifest = join(dir, out, 'manifest.json');
  if (!existsSync(manifest)) return new Set();
  const { outputs = [], results_file } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    outputs?: { file: string }[];
    results_file?: { file: string };
  };
  const listed = [...outputs, ...(results_file ? [results_file] : [])];
  const prefix = out === '.' ? '' : `${out}/`;
  return new Set([...listed.map((f) => `${prefix}${f.file}`), `${prefix}manifest.json`]);
}

test(`no run deletes or changes a file framescope did not write (seed ${SEED}, ${RUNS} layouts)`, async (t) => {
  let cases = 0;
  await fc.assert(
    fc.asyncProperty(layouts, async (layout) => {
      cases++;
      const dir = tempDir('property');
      const corpus = join(dir, 'data', 'corp');
      mkdirSync(corpus, { recursive: true });
      writeFileSync(join(corpus, 'a.txt'), ARTICLE_TEXT);
      writeFileSync(
        join(corpus, 'b.txt'),
        'Crews protested at the pier. The mayor said the plan was unfair.',
      );
      const args = [
        'analyze',
        'data/corp',
        '--out',
        layout.out,
        '--quiet',
        ...(layout.force ? ['--force'] : []),
      ];
      if (layout.previousRun)
        await framescope(['analyze', 'data/corp', '--out', layout.out, '--quiet', '--force'], { cwd: dir });
      for (const f of layout.userFiles) {
        mkdirSync(dirname(join(dir, f)), { recursive: true });
        writeFileSync(join(dir, f), `the user's own ${f}`);
      }
      const ours = writtenBy(dir, layout.out);
      const mine = snapshotFiles(dir, (p) => ours.has(p) || p.startsWith('.framescope-tmp'));
      if (layout.killAfterMs !== null) await framescope(args, { cwd: dir, killAfterMs: layout.killAfterMs });
      await framescope(args, { cwd: dir });
      const after = snapshotFiles(dir);
      const lost = [...mine.keys()].filter((f) => after.get(f) !== mine.get(f));
      if (lost.length > 0)
        throw new Error(
          `${JSON.stringify(layout)}: ${lost.length} user files deleted or changed: ${lost.join(', ')}`,
        );
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  t.is(cases, RUNS, 'every layout was run');
  t.log(`${cases} layouts run`);
});
