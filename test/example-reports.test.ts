import { readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import test from 'ava';
import { main } from '../src/cli/main.ts';
import { collectingIo } from './helpers/io.ts';
import { repoRoot } from './helpers/shared.ts';

/**
 * reports/example/ is committed so that a visitor sees real output on the repository page. This
 * test regenerates it with the README's example command and fails when the committed copy is out
 * of date (run `npm run example` and commit the result).
 */
const EXAMPLE_ARGS = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'))
  .scripts.example.split(' ')
  .slice(2);

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

test('reports/example is what the example command writes today', async (t) => {
  const committed = join(repoRoot, 'reports', 'example');
  const fresh = join(mkdtempSync(join(tmpdir(), 'framescope-example-')), 'out');
  // ava runs in the repository root, so input paths stay as the README writes them.
  const args = EXAMPLE_ARGS.map((a: string) => (a === 'reports/example' ? fresh : a));
  const c = collectingIo();
  const code = await main([...args, '--quiet'], c.io);
  t.is(code, 0, c.err());
  t.deepEqual(filesUnder(committed), filesUnder(fresh), 'the same files (run `npm run example` and commit)');
  for (const f of filesUnder(fresh)) {
    const a = readFileSync(join(committed, f), 'utf8');
    const b = readFileSync(join(fresh, f), 'utf8');
    if (f === 'manifest.json') t.is(stableManifest(a), stableManifest(b), f);
    else t.is(a, b, `${f} is out of date: run \`npm run example\` and commit reports/example`);
  }
});
