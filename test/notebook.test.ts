import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test, { type ExecutionContext } from 'ava';
import Papa from 'papaparse';
// @ts-expect-error: plain JavaScript module without type declarations (it runs before any build)
import { compiledIsCurrent } from '../src/cli/compiled.js';
import { displayNumber } from '../src/report/format.ts';
import { hasShared, repoRoot, sharedPath } from './helpers/shared.ts';

// The notebooks in notebooks/ run start to finish with `jupyter nbconvert --execute`, each in the
// kernel its metadata names, when that kernel and what the notebook imports are installed (.ci/run
// installs them); otherwise each test is skipped with the reason. They run offline: the npm
// registry and any HTTP proxy point at a closed local port, and Deno starts with an empty cache.

const NOTEBOOKS_DIR = join(repoRoot, 'notebooks');
const notebookFiles = readdirSync(NOTEBOOKS_DIR)
  .filter((f) => f.endsWith('.ipynb'))
  .sort();

interface Output {
  output_type: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
}
interface Cell {
  id: string;
  cell_type: string;
  source: string | string[];
  execution_count?: number | null;
  outputs?: Output[];
}
interface Notebook {
  cells: Cell[];
  metadata: { kernelspec?: { name: string } };
}

const readNotebook = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Notebook;
const joined = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join('') : (s ?? ''));

test('the notebooks are committed with their outputs stripped, each naming its kernel', (t) => {
  t.deepEqual(notebookFiles, ['python.ipynb', 'r.ipynb', 'typescript.ipynb']);
  for (const file of notebookFiles) {
    const nb = readNotebook(join(NOTEBOOKS_DIR, file));
    t.truthy(nb.metadata.kernelspec?.name, `${file}: kernelspec`);
    for (const cell of nb.cells.filter((c) => c.cell_type === 'code')) {
      t.deepEqual(cell.outputs, [], `${file} cell ${cell.id}: outputs`);
      t.is(cell.execution_count, null, `${file} cell ${cell.id}: execution count`);
    }
  }
});

/** `jupyter kernelspec list`: kernel name -> the command that starts it; or why there is none. */
function kernelspecs(): Map<string, string[]> | string {
  const r = spawnSync('jupyter', ['kernelspec', 'list', '--json'], { encoding: 'utf8' });
  if (r.error || r.status !== 0)
    return `jupyter kernelspec list failed (${r.error?.message ?? r.stderr.trim().split('\n').at(-1)}); Debian: jupyter-client, jupyter-nbconvert (bash .ci/notebook-tools installs them)`;
  const specs = JSON.parse(r.stdout).kernelspecs as Record<string, { spec: { argv: string[] } }>;
  return new Map(Object.entries(specs).map(([name, { spec }]) => [name, spec.argv]));
}

/** What each kernel must be able to load for its notebook, run with the kernel's own program. */
const PROBES: Record<string, (program: string) => string[]> = {
  python3: () => ['-c', 'import ipykernel, pandas, matplotlib, statsmodels'],
  ir: () => [
    '--slave',
    '-e',
    'for (p in c("IRkernel", "readr", "ggplot2", "jsonlite")) library(p, character.only = TRUE)',
  ],
  deno: () => ['--version'],
};

/** Null when the notebook can run here, else the reason it cannot. */
function whyNot(kernel: string, specs: Map<string, string[]> | string): string | null {
  if (typeof specs === 'string') return specs;
  const argv = specs.get(kernel);
  if (!argv?.[0])
    return `no Jupyter kernel "${kernel}" (found: ${[...specs.keys()].join(', ') || 'none'}; bash .ci/notebook-tools installs it)`;
  const probe = PROBES[kernel];
  if (!probe) return `no probe for kernel "${kernel}" in test/notebook.test.ts`;
  const r = spawnSync(argv[0], probe(argv[0]), { encoding: 'utf8' });
  if (r.error || r.status !== 0)
    return `kernel "${kernel}" (${argv[0]}) cannot load what the notebook needs: ${r.error?.message ?? r.stderr.trim().split('\n').slice(-2).join(' ')}`;
  if (kernel === 'deno' && !compiledIsCurrent())
    return 'dist/ is not built from the current sources, and the notebook imports it (run `npm run build`)';
  return null;
}

const offline = (dir: string): NodeJS.ProcessEnv => ({
  ...process.env,
  FRAMESCOPE_NOTEBOOK_OUT: join(dir, 'out'),
  DENO_DIR: join(dir, 'deno'),
  DENO_NO_UPDATE_CHECK: '1',
  NPM_CONFIG_REGISTRY: 'http://127.0.0.1:9/',
  npm_config_registry: 'http://127.0.0.1:9/',
  HTTP_PROXY: 'http://127.0.0.1:9',
  HTTPS_PROXY: 'http://127.0.0.1:9',
  http_proxy: 'http://127.0.0.1:9',
  https_proxy: 'http://127.0.0.1:9',
  NO_COLOR: '1',
  PYDEVD_DISABLE_FILE_VALIDATION: '1',
});

/** Executes a notebook into a scratch folder and returns it with its outputs. */
async function execute(t: ExecutionContext, file: string, dir: string): Promise<Notebook> {
  const out = join(dir, 'executed.ipynb');
  const args = ['nbconvert', '--to', 'notebook', '--execute', join(NOTEBOOKS_DIR, file)].concat([
    '--output-dir',
    dir,
    '--output',
    'executed',
    '--ExecutePreprocessor.timeout=600',
    // nbclient waits 4 s by default for a cell's last outputs after the kernel's reply, then drops
    // them with a warning: on a loaded CI machine the seeds table of the Deno notebook was lost so.
    // Wait longer, and fail rather than drop.
    '--ExecutePreprocessor.iopub_timeout=180',
    '--ExecutePreprocessor.raise_on_iopub_timeout=True',
  ]);
  const started = Date.now();
  try {
    await promisify(execFile)('jupyter', args, { env: offline(dir), maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const { stderr = '', message } = e as { stderr?: string; message: string };
    throw new Error(`${file}: jupyter nbconvert failed: ${message}\n${stderr.slice(-6000)}`);
  }
  t.log(`${file}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const nb = readNotebook(out);
  for (const cell of nb.cells.filter((c) => c.cell_type === 'code')) {
    t.not(cell.execution_count, null, `${file} cell ${cell.id} ran`);
    t.deepEqual(
      (cell.outputs ?? []).filter((o) => o.output_type === 'error'),
      [],
      `${file} cell ${cell.id}: no error`,
    );
  }
  return nb;
}

/** The outputs of a cell, by id. */
function outputsOf(nb: Notebook, id: string): Output[] {
  const cell = nb.cells.find((c) => c.id === id);
  if (!cell) throw new Error(`no cell "${id}" in the notebook`);
  return cell.outputs ?? [];
}
const textOf = (outputs: Output[]) =>
  outputs
    .map((o) => joined(o.text) + joined(o.data?.['text/plain']) + joined(o.data?.['text/markdown']))
    .join('\n');
const hasMime = (outputs: Output[], mime: string) => outputs.some((o) => o.data?.[mime] !== undefined);

const metadataRows = (csv: string) =>
  Papa.parse<Record<string, string>>(readFileSync(csv, 'utf8'), { header: true, skipEmptyLines: true }).data;
const exampleMetadata = metadataRows(join(repoRoot, 'reports', 'example-corpus', 'metadata.csv'));
/** The outlets each notebook keeps from the example corpus: all but the reprint site. */
const keptOutlets = exampleMetadata.filter((m) => m['outlet_type'] !== 'reprint').map((m) => m['outlet']!);

/** The body rows of a Markdown table, as cells. */
const markdownRows = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| ---'))
    .slice(1)
    .map((line) => line.slice(2, -2).split(' | '));

/**
 * The rows of a coefficient table as pandas or R print it (term, estimate, std_error, p, ci_low,
 * ci_high, n), found by its term names.
 */
function coefficientRows(text: string, terms: string[]): Map<string, number[]> {
  const rows = new Map<string, number[]>();
  for (const line of text.split('\n')) {
    const term = terms.find((name) => line.startsWith(`${name} `));
    if (term) rows.set(term, line.slice(term.length).trim().split(/\s+/).map(Number));
  }
  return rows;
}

/** Checks the regression table of a notebook: every term, finite figures, the sample size. */
function checkRegression(t: ExecutionContext, text: string, terms: string[], n: (count: number) => boolean) {
  const rows = coefficientRows(text, terms);
  t.deepEqual([...rows.keys()].sort(), [...terms].sort(), text);
  for (const [term, figures] of rows) {
    t.is(figures.length, 6, `${term}: estimate, std_error, p, ci_low, ci_high, n`);
    t.true(figures.every(Number.isFinite), `${term}: ${figures.join(' ')}`);
    const [estimate, , p, low, high, count] = figures as [number, number, number, number, number, number];
    t.true(low <= estimate && estimate <= high && p >= 0 && p <= 1, `${term}: ${figures.join(' ')}`);
    t.true(n(count), `${term}: n = ${count}`);
  }
}

const COVID = ['data', 'covid-origins', 'dev.jsonl'];

/** The checks of the Python and R notebooks, which tell the same story in two languages. */
function checkRegressionNotebook(
  t: ExecutionContext,
  nb: Notebook,
  terms: { example: string[]; shared: string[] },
) {
  const table = textOf(outputsOf(nb, 'analyse'));
  for (const outlet of keptOutlets) t.true(table.includes(outlet), outlet);
  t.false(table.includes('RelayDaily'), 'the reprint site is left out');
  t.true(hasMime(outputsOf(nb, 'chart'), 'image/png'), 'the chart is shown inline');
  checkRegression(t, textOf(outputsOf(nb, 'regression')), terms.example, (n) => n === keptOutlets.length);
  const shared = textOf(outputsOf(nb, 'shared-sample'));
  if (hasShared(...COVID)) {
    t.regex(shared, /framescope: \d+ articles analysed, 0 skipped/);
    checkRegression(t, textOf(outputsOf(nb, 'shared-regression')), terms.shared, (n) => n >= 100);
    t.true(hasMime(outputsOf(nb, 'shared-regression'), 'image/png'));
  } else {
    t.true(shared.includes('is absent'), shared);
  }
}

/** The checks of the TypeScript notebook: the table's arithmetic and the chart's bars. */
function checkTypeScriptNotebook(t: ExecutionContext, nb: Notebook) {
  const rows = markdownRows(textOf(outputsOf(nb, 'table')));
  t.deepEqual(rows.map((r) => r[0]).sort(), [...keptOutlets].sort());
  for (const [outlet, , words, own, others, ownRate, othersRate] of rows.map((r) => [
    r[0],
    ...r.slice(1).map(Number),
  ])) {
    // The table shows rates as every framescope table does: 3 significant digits.
    const rate = (count: number) => Number(displayNumber((1000 * count) / (words as number)));
    t.is(ownRate, rate(own as number), `${outlet}: own voice per 1,000 words`);
    t.is(othersRate, rate(others as number), `${outlet}: others' words per 1,000 words`);
  }
  t.true(rows.some((r) => Number(r[3]) > 0) && rows.some((r) => Number(r[4]) > 0), 'hits in both voices');
  const svg = joined(outputsOf(nb, 'chart').find((o) => o.data?.['image/svg+xml'])?.data?.['image/svg+xml']);
  t.true(svg.startsWith('<svg'), 'the chart is shown inline as SVG');
  for (const outlet of keptOutlets) t.true(svg.includes(`>${outlet}<`), outlet);
  const shared = textOf(outputsOf(nb, 'shared'));
  if (hasShared('corpus', 'seeds')) {
    const seedOutlets = metadataRows(sharedPath('corpus', 'seeds', 'metadata.csv')).map((m) => m['outlet']);
    t.deepEqual(
      markdownRows(shared)
        .map((r) => r[0])
        .sort(),
      [...new Set(seedOutlets)].sort(),
      shared,
    );
  } else {
    t.true(shared.includes('is absent'), shared);
  }
}

const CHECKS: Record<string, (t: ExecutionContext, nb: Notebook) => void> = {
  'python.ipynb': (t, nb) =>
    checkRegressionNotebook(t, nb, {
      example: ['Intercept', 'state_outlet[T.True]', 'word_count'],
      shared: ['Intercept', 'state_outlet[T.True]', 'np.log(word_count)'],
    }),
  'r.ipynb': (t, nb) =>
    checkRegressionNotebook(t, nb, {
      example: ['(Intercept)', 'state_outletTRUE', 'word_count'],
      shared: ['(Intercept)', 'state_outletTRUE', 'log(word_count)'],
    }),
  'typescript.ipynb': checkTypeScriptNotebook,
};

const specs = kernelspecs();
for (const file of notebookFiles) {
  const kernel = readNotebook(join(NOTEBOOKS_DIR, file)).metadata.kernelspec?.name ?? '(none)';
  const reason = whyNot(kernel, specs);
  const title = `notebooks/${file} runs start to finish in the ${kernel} kernel and shows its table, chart and figures`;
  if (reason !== null) {
    test.skip(`${title} (skipped: ${reason})`, () => {});
    continue;
  }
  // One notebook at a time: each starts a kernel and most run the analysis on two cores.
  test.serial(title, async (t) => {
    t.timeout(15 * 60_000, 'a notebook on a loaded machine');
    const dir = mkdtempSync(join(tmpdir(), 'framescope-notebook-'));
    try {
      const check = CHECKS[file];
      if (!check) throw new Error(`no checks for ${file} in test/notebook.test.ts`);
      check(t, await execute(t, file, dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
