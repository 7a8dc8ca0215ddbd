import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import test from 'ava';
import { type PreparedLexicons, createAnalyzer, prepareLexicons } from '../src/analyzer/analyzer.ts';
import type { CorpusItem } from '../src/corpus/index.ts';
import { analyzeInParallel } from '../src/run/index.ts';
import type { Article } from '../src/types.ts';

const article = (id: string, text: string): Article => ({
  id,
  text,
  metadata: {},
  source: { file: 'mem.txt', format: 'txt' },
});

const TEXTS = [
  'Officials hailed the harbour accord as a stabilizing force, a spokesperson said on Monday.',
  '"It is a reckless gamble," Dr Ansel Brekk warned, while analysts noted the so-called reforms.',
  'According to the ministry, the community with a shared future was discussed at length.',
];

test('an analyzer made from prepared lexicons, even after a structured clone, gives what a fresh one gives', (t) => {
  const fresh = createAnalyzer();
  // A worker thread receives the prepared lexicons by structured clone, which v8.serialize is.
  const cloned = deserialize(serialize(prepareLexicons())) as PreparedLexicons;
  const reused = createAnalyzer({}, cloned);
  t.deepEqual(reused.packs, fresh.packs);
  t.deepEqual(reused.lexiconIssues, fresh.lexiconIssues);
  t.deepEqual(reused.metrics, fresh.metrics);
  for (const [i, text] of TEXTS.entries()) {
    const a = fresh.analyze(article(`t${i}`, text));
    const b = reused.analyze(article(`t${i}`, text));
    t.deepEqual(b, a);
  }
  t.true(fresh.analyze(article('x', TEXTS[0] as string)).result.matches.length > 0);
});

test('lexicons prepared for other options are refused, naming both', (t) => {
  const builtinOnly = prepareLexicons();
  const error = t.throws(() => createAnalyzer({ builtinLexicons: false, lexicons: [] }, builtinOnly));
  t.regex(
    error?.message ?? '',
    /"builtinLexicons":false.*instead found lexicons prepared for .*"builtinLexicons":true/,
  );
});

test('the pool hands the prepared lexicons to every worker', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'framescope-prepared-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const taskModule = join(dir, 'prepared-task.mjs');
  writeFileSync(
    taskModule,
    `export function createTask(options, prepared) {
  return (article) => ({ result: { article, packs: prepared ? prepared.packs.length : -1 }, summary: { id: article.id } });
}
`,
  );
  const prepared = createAnalyzer().prepared;
  async function* items(): AsyncGenerator<CorpusItem> {
    for (let i = 0; i < 8; i++) yield { kind: 'article', article: article(`a${i}`, `text ${i}`) };
  }
  for (const jobs of [1, 2]) {
    const seen: unknown[] = [];
    for await (const item of analyzeInParallel(items(), {
      jobs,
      taskModule: pathToFileURL(taskModule),
      prepared,
    }))
      if (item.kind === 'result') seen.push((item.result as unknown as { packs: number }).packs);
    t.deepEqual(seen, Array(8).fill(prepared.packs.length), `jobs ${jobs}`);
  }
  t.true(prepared.packs.length > 0);
});
