import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import test from 'ava';
// @ts-expect-error: plain JavaScript module without type declarations (it runs before any build)
import { STAMP_FILE, compiledIsCurrent, sourceHash } from '../src/cli/compiled.js';

const repoRoot = join(import.meta.dirname, '..');
const bin = join(repoRoot, 'src', 'cli', 'bin.js');

/** Every file under a folder, by relative path, with its bytes (manifest.json left out: it holds times). */
function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== 'manifest.json') out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

test('the source hash is a stable SHA-256 of the sources', (t) => {
  const a = sourceHash() as string;
  t.regex(a, /^[0-9a-f]{64}$/);
  t.is(sourceHash(), a);
});

test('the compiled CLI in dist/ writes exactly what the TypeScript sources write', (t) => {
  if (!compiledIsCurrent()) {
    t.log(
      `skipped: dist/ is not built from the current sources (run \`npm run build\`; stamp ${STAMP_FILE})`,
    );
    t.pass();
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'framescope-compiled-'));
  try {
    const run = (out: string, env: NodeJS.ProcessEnv) => {
      const r = spawnSync(
        process.execPath,
        [
          bin,
          'analyze',
          'reports/example-corpus',
          '--metadata',
          'reports/example-corpus/metadata.csv',
        ].concat(['--out', join(dir, out), '--quiet', '--json', '--html', '--latex', '--jobs', '2']),
        { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ...env } },
      );
      t.is(r.status, 0, r.stderr);
      return filesOf(join(dir, out));
    };
    const compiled = run('compiled', { FRAMESCOPE_SOURCES: '0' });
    const sources = run('sources', { FRAMESCOPE_SOURCES: '1' });
    t.true(compiled.size > 10);
    t.deepEqual([...compiled.keys()].sort(), [...sources.keys()].sort());
    for (const [file, text] of compiled) t.is(sources.get(file), text, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
