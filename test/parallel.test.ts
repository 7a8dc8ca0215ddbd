import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import type { CorpusResult } from '../src/analyzer/analyzer.ts';
import { type CorpusItem, readCorpus } from '../src/corpus/index.ts';
import { analyzeInParallel } from '../src/run/index.ts';
import type { Article } from '../src/types.ts';

const collect = async (items: AsyncIterable<CorpusResult>) => {
  const out: CorpusResult[] = [];
  for await (const item of items) out.push(item);
  return out;
};

const examples = () =>
  readCorpus({ input: 'reports/example-corpus', metadata: 'reports/example-corpus/metadata.csv' });

/** A deterministic invented corpus: outlets, officials and a made-up accord, in varied sentences. */
function inventedCorpus(n: number): string {
  let seed = 7;
  const rnd = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const people = [
    'Mira Tolvane',
    'the ministry',
    'a spokesperson',
    'Officials',
    'Dr Ansel Brekk',
    'analysts',
  ];
  const verbs = ['said', 'claimed', 'warned', 'noted', 'insisted'];
  const things = [
    'the harbour accord',
    'the grain levy',
    'the river compact',
    'a shared future',
    'the tariff plan',
  ];
  const adjectives = ['fair', 'historic', 'reckless', 'modest', 'so-called', 'unprecedented'];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const sentences: string[] = [`${pick(things)} talks resume in Velmora`];
    const count = 3 + Math.floor(rnd() * 12);
    for (let s = 0; s < count; s++) {
      const kind = rnd();
      if (kind < 0.3)
        sentences.push(`"${pick(things)} is ${pick(adjectives)}," ${pick(people)} ${pick(verbs)}.`);
      else if (kind < 0.6)
        sentences.push(`According to ${pick(people)}, ${pick(things)} may be ${pick(adjectives)}.`);
      else
        sentences.push(
          `${pick(people)} ${pick(verbs)} that ${pick(things)} was ${pick(adjectives)} on ${1 + (s % 28)} May.`,
        );
    }
    const text = [sentences[0], '', sentences.slice(1).join(' ')].join('\n');
    lines.push(
      JSON.stringify({ id: `gen-${i}`, outlet: pick(['Northwire', 'Harbour Daily', 'State Voice']), text }),
    );
  }
  return `${lines.join('\n')}\n`;
}

test('2 workers give the same items, in the same order, as one thread on the example corpus', async (t) => {
  const single = await collect(analyzeInParallel(examples(), { jobs: 1 }));
  const parallel = await collect(analyzeInParallel(examples(), { jobs: 2 }));
  t.true(single.filter((i) => i.kind === 'result').length >= 8);
  t.deepEqual(parallel, single);
});

test('2 workers with a small window give the same results as one thread on 200 invented articles', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'framescope-parallel-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const input = join(dir, 'corpus.jsonl');
  writeFileSync(input, inventedCorpus(200));
  const single = await collect(analyzeInParallel(readCorpus({ input }), { jobs: 1 }));
  const parallel = await collect(analyzeInParallel(readCorpus({ input }), { jobs: 2, maxInFlight: 3 }));
  t.is(single.length, 200);
  t.deepEqual(
    parallel.map((i) => (i.kind === 'result' ? i.result.article.id : i.kind)),
    Array.from({ length: 200 }, (_, i) => `gen-${i}`),
  );
  t.deepEqual(
    parallel.map((i) => (i.kind === 'result' ? i.result : null)),
    single.map((i) => (i.kind === 'result' ? i.result : null)),
  );
  t.deepEqual(parallel, single);
});

/** A task that throws on one article and kills its worker on another, to test that runs go on. */
function faultyTaskModule(dir: string): URL {
  const path = join(dir, 'faulty-task.mjs');
  writeFileSync(
    path,
    `export function createTask() {
  return (article) => {
    if (article.text.includes('THROW')) throw new Error('cannot read this one');
    if (article.text.includes('CRASH')) process.exit(3);
    return { result: { article, words: article.text.split(' ').length }, summary: { id: article.id } };
  };
}
`,
  );
  return pathToFileURL(path);
}

async function* articles(texts: readonly string[]): AsyncGenerator<CorpusItem> {
  for (const [i, text] of texts.entries()) {
    const article: Article = {
      id: `a${i}`,
      text,
      metadata: {},
      source: { file: 'mem.jsonl', format: 'jsonl', line: i + 1 },
    };
    yield { kind: 'article', article };
  }
}

test('an article that throws, or kills its worker, is skipped as analysis/failed and the rest goes on', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'framescope-faulty-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const taskModule = faultyTaskModule(dir);
  const texts = Array.from({ length: 30 }, (_, i) =>
    i === 4 ? 'a THROW b' : i === 11 ? 'x CRASH y' : `text number ${i}`,
  );
  const items = await collect(analyzeInParallel(articles(texts), { jobs: 2, taskModule }));
  t.is(items.length, 30);
  const failed = items.flatMap((item, i) =>
    item.kind === 'skipped' ? [[i, item.skipped.code, item.issue.message]] : [],
  );
  t.deepEqual(
    failed.map(([i, code]) => [i, code]),
    [
      [4, 'analysis/failed'],
      [11, 'analysis/failed'],
    ],
  );
  t.regex(String(failed[0]?.[2]), /cannot read this one/);
  t.regex(String(failed[1]?.[2]), /exit code 3/);
  const ids = items.map((item) =>
    item.kind === 'result' ? item.result.article.id : item.kind === 'skipped' ? item.skipped.id : '',
  );
  t.deepEqual(
    ids,
    texts.map((_, i) => `a${i}`),
  );
  const inThread = await collect(
    analyzeInParallel(articles(texts.filter((_, i) => i !== 11)), { jobs: 1, taskModule }),
  );
  t.is(inThread[4]?.kind, 'skipped');
});

test('an analyzer that cannot be built stops the run with its reason', async (t) => {
  const error = await t.throwsAsync(
    collect(
      analyzeInParallel(examples(), { jobs: 2, analyzerOptions: { lexicons: ['/no/such/pack.yaml'] } }),
    ),
  );
  t.truthy(error?.message);
  await t.throwsAsync(collect(analyzeInParallel(examples(), { jobs: 0 })), { message: /jobs/ });
});

test('workers load the TypeScript sources when tsx is registered through its API, as src/cli/bin.js does', (t) => {
  const script = `
import { register } from 'tsx/esm/api';
register();
const { analyzeInParallel } = await import('./src/run/index.ts');
const { readCorpus } = await import('./src/corpus/index.ts');
let n = 0;
for await (const item of analyzeInParallel(readCorpus({ input: 'reports/example-corpus' }), { jobs: 2 })) if (item.kind === 'result') n++;
process.stdout.write(String(n));
`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  t.is(run.status, 0, run.stderr);
  t.true(Number(run.stdout) >= 8, run.stdout);
});

test('an article too large for a capped worker heap is analysed again by a worker without the cap', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'framescope-heap-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const taskModule = join(dir, 'hungry-task.mjs');
  // Holds ~240 MB while it works on a HUGE article: past a 64 MB cap, well within V8's default.
  writeFileSync(
    taskModule,
    `export function createTask() {
  return (article) => {
    const held = [];
    if (article.text.includes('HUGE')) for (let i = 0; i < 3e6; i++) held.push({ i, s: 'x' + i });
    return { result: { article, held: held.length }, summary: { id: article.id } };
  };
}
`,
  );
  const script = `
const { analyzeInParallel } = await import('./src/run/index.ts');
async function* items() {
  for (const [i, text] of ['small one', 'a HUGE one', 'small two'].entries())
    yield { kind: 'article', article: { id: 'a' + i, text, metadata: {}, source: { file: 'm.jsonl', format: 'jsonl', line: i + 1 } } };
}
const out = [];
for await (const item of analyzeInParallel(items(), { jobs: 2, taskModule: new URL(${JSON.stringify(pathToFileURL(taskModule).href)}) }))
  out.push(item.kind === 'result' ? item.result.held : item.skipped.code + ': ' + item.issue.message);
process.stdout.write(JSON.stringify(out));
`;
  const run = (heapMb: string) =>
    spawnSync(process.execPath, ['--import=tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, FRAMESCOPE_WORKER_HEAP_MB: heapMb },
    });
  const capped = run('64');
  t.is(capped.status, 0, capped.stderr);
  t.deepEqual(JSON.parse(capped.stdout), [0, 3_000_000, 0]);
  const wrong = run('lots');
  t.not(wrong.status, 0);
  t.regex(wrong.stderr, /FRAMESCOPE_WORKER_HEAP_MB expects a whole number/);
});
