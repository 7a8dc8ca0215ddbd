import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import test from 'ava';
import Papa from 'papaparse';
// @ts-expect-error: plain JavaScript module without type declarations (it runs before any build)
import { compiledIsCurrent } from '../src/cli/compiled.js';
import { exampleArgsTo, sameAsCommittedExample } from './helpers/example.ts';
import { repoRoot } from './helpers/shared.ts';

// framescope as a user gets it: `npm pack`, the tarball installed into a new project (from the
// lockfile's versions and npm's cache, so no network is needed after `npm ci`), then its command,
// a plain .mjs and a TypeScript consumer, none of which may need tsx or the repository's sources.

/** The build is packed as it is: packing must not rebuild dist/ while other test files run it. */
const built = compiledIsCurrent() as boolean;
const packageTest = built ? test : test.skip;
const title = (t: string) =>
  built ? t : `${t} (skipped: dist/ is not built from the current sources; run \`npm run build\`)`;

const tmp = mkdtempSync(join(tmpdir(), 'framescope-package-'));
const project = join(tmp, 'project');
const installed = join(project, 'node_modules', 'framescope');
let packedFiles: string[] = [];

const run = (cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> =>
  spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
const failure = (r: SpawnSyncReturns<string>) => `exit ${r.status}\n${r.stderr}\n${r.stdout}`.slice(0, 4000);

/**
 * A consumer project whose lockfile pins framescope to the tarball and its dependencies to the
 * versions and integrity hashes of this repository's lockfile (its non-dev entries), so that
 * `npm ci --prefer-offline` installs from npm's cache, which this repository's `npm ci` filled.
 * Anything framescope needs at run time that is only a dev dependency here is left out, and fails.
 */
function writeConsumerProject(tarball: string): void {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8'));
  const self = lock.packages[''];
  const spec = `file:../${tarball}`;
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', dependencies: { framescope: spec } },
    'node_modules/framescope': {
      version: self.version,
      resolved: spec,
      license: self.license,
      dependencies: self.dependencies,
      bin: self.bin,
      engines: self.engines,
    },
  };
  for (const [path, entry] of Object.entries<{ dev?: boolean }>(lock.packages))
    if (path !== '' && !entry.dev) packages[path] = entry;
  mkdirSync(project);
  const manifest = { name: 'consumer', private: true, type: 'module', dependencies: { framescope: spec } };
  writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const consumerLock = { name: 'consumer', lockfileVersion: 3, requires: true, packages };
  writeFileSync(join(project, 'package-lock.json'), `${JSON.stringify(consumerLock, null, 2)}\n`);
}

test.before(() => {
  if (!built) return;
  const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], repoRoot);
  if (pack.status !== 0) throw new Error(`npm pack failed: ${failure(pack)}`);
  const [{ filename, files }] = JSON.parse(pack.stdout) as [{ filename: string; files: { path: string }[] }];
  packedFiles = files.map((f) => f.path).sort();
  writeConsumerProject(filename);
  const install = run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], project);
  if (install.status !== 0) throw new Error(`npm ci of the packed tarball failed: ${failure(install)}`);
});

test.after.always(() => rmSync(tmp, { recursive: true, force: true }));

packageTest(
  title('the tarball ships the compiled code, its types and the lexicons, no TypeScript sources'),
  (t) => {
    for (const f of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/cli/main.js',
      'src/cli/bin.js',
      'package.json',
      'LICENSE',
    ])
      t.true(packedFiles.includes(f), f);
    const lexicons = readdirSync(join(repoRoot, 'lexicons'), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(yaml|md)$/.test(f))
      .map((f) => `lexicons/${f.split(sep).join('/')}`);
    t.true(lexicons.length >= 5);
    for (const f of lexicons) t.true(packedFiles.includes(f), f);
    const sources = packedFiles.filter((f) => /\.(ts|map)$/.test(f) && !f.endsWith('.d.ts'));
    t.deepEqual(sources, [], 'TypeScript sources and source maps stay in the repository');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    t.is(manifest.exports['.'].types, './dist/index.d.ts');
    t.false('tsx' in manifest.dependencies, 'tsx is a dev dependency');
    t.false(existsSync(join(project, 'node_modules', 'tsx')), 'nothing installed tsx');
  },
);

packageTest(title('the installed command writes what reports/example holds, byte for byte'), (t) => {
  const out = join(tmp, 'example');
  // From the repository root, so input paths in the outputs read as the README's command writes them.
  const r = run(
    join(project, 'node_modules', '.bin', 'framescope'),
    [...exampleArgsTo(out), '--quiet'],
    repoRoot,
  );
  t.is(r.status, 0, failure(r));
  sameAsCommittedExample(t, out);
});

/** The first ```js block of the README's "Library API" section. */
function readmeLibraryExample(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Library API\n'));
  const block = /\n```js\n([\s\S]*?)\n```\n/.exec(section);
  if (!block?.[1]) throw new Error('README.md: no ```js block in the "Library API" section');
  return block[1];
}

packageTest(title("the README's library example runs as written in plain Node"), (t) => {
  // The script lives in the consumer project, so 'framescope' resolves to the installed package;
  // it runs in the repository root, where its corpus and pack paths point.
  const script = join(project, 'readme-example.mjs');
  writeFileSync(script, readmeLibraryExample());
  const r = run(process.execPath, [script], repoRoot);
  t.is(r.status, 0, failure(r));
  const [first, ...csv] = r.stdout.split('\n');
  // 1,000 × ½ / 9 scored words for the quoted slogan; 0 in the authorial voice.
  t.is(first, "55.55555555555555 0 [ [ 'Officials said', 'authorial' ], [ 'win-win', 'quoted' ] ]");
  const rows = Papa.parse<Record<string, string>>(csv.join('\n').trim(), {
    header: true,
    skipEmptyLines: true,
  }).data;
  t.true(rows.length > 5, `${rows.length} hedge and booster hits`);
  t.deepEqual(
    [...new Set(rows.map((row) => row['pack']))],
    ['hedges'],
    'only the pack the analyzer was given',
  );
  const articles = new Set(rows.map((row) => row['article']));
  t.false(articles.has('05-reprint.txt'), 'the reprint site is left out');
  t.true(articles.has('04-academic-note.txt'));
});

const CONSUMER_TS = `import { analyzeCorpus, type ArticleResult, createAnalyzer, type Match, toCsv } from 'framescope';

const analyzer = createAnalyzer({ builtinLexicons: true });
export async function authorialHits(input: string): Promise<Map<string, Match[]>> {
  const byArticle = new Map<string, Match[]>();
  for await (const item of analyzeCorpus({ input }, { analyzer })) {
    if (item.kind !== 'result') continue;
    const result: ArticleResult = item.result;
    byArticle.set(result.article.id, result.matches.filter((m) => m.voice === 'authorial'));
  }
  return byArticle;
}
export const words: number = analyzer.analyzeText('The minister said the talks were useful.').wordCount;
export const csv: string = toCsv(['a', 'b'], [['x', 1]]);
// @ts-expect-error: a word count is a number, as the shipped types say
export const wrong: string = analyzer.analyzeText('Text.').wordCount;
// @ts-expect-error: createAnalyzer has no option "lexicon" (it is "lexicons")
createAnalyzer({ lexicon: [] });
`;

packageTest(title('a TypeScript consumer type-checks against the shipped declarations'), (t) => {
  writeFileSync(join(project, 'consumer.ts'), CONSUMER_TS);
  const tsconfig = {
    compilerOptions: {
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      target: 'ES2022',
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: ['node'],
      // @types/node is the one thing taken from the repository: the consumer has no network.
      typeRoots: [join(repoRoot, 'node_modules', '@types')],
    },
    files: ['consumer.ts'],
  };
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = run(process.execPath, [tsc, '-p', 'tsconfig.json'], project);
  t.is(r.status, 0, failure(r));
});
