import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ExecutionContext } from 'ava';
import { repoRoot } from './shared.ts';

/**
 * The arguments of `npm run example` after `node src/cli/bin.js` (from package.json, so tests run
 * exactly the README's example command; the variables set before it, its fixed clock, are left
 * out); `reports/example` is its output folder.
 */
export const EXAMPLE_ARGS: readonly string[] = (
  JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts.example.split(' ') as string[]
)
  .filter((word) => !/^[A-Z_]+=/.test(word))
  .slice(2);

/** The example command's arguments writing to `out` instead of reports/example. */
export const exampleArgsTo = (out: string): string[] =>
  EXAMPLE_ARGS.map((a) => (a === 'reports/example' ? out : a));

/** Every file under a folder, by path relative to it, sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

/** The manifest without what legitimately changes between runs: its times and the Node version. */
const stableManifest = (text: string) =>
  text.replace(/"(started_at|ended_at|node_version)": "[^"]*"/g, '"$1": ""');

/**
 * Asserts that `fresh` holds exactly the files of the committed reports/example, byte for byte
 * (the manifest apart from its times and Node version).
 */
export function sameAsCommittedExample(t: ExecutionContext, fresh: string): void {
  const committed = join(repoRoot, 'reports', 'example');
  t.deepEqual(filesUnder(committed), filesUnder(fresh), 'the same files (run `npm run example` and commit)');
  for (const f of filesUnder(fresh)) {
    const a = readFileSync(join(committed, f), 'utf8');
    const b = readFileSync(join(fresh, f), 'utf8');
    if (f === 'manifest.json') t.is(stableManifest(a), stableManifest(b), f);
    else t.is(a, b, `${f} differs from reports/example (is it out of date? run \`npm run example\`)`);
  }
}
