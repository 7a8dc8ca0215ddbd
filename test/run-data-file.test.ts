import test from 'ava';
import { type CorpusResult, createAnalyzer } from '../src/analyzer/analyzer.ts';
import { readCorpus } from '../src/corpus/index.ts';
import { itemLine, parseRecordLine, typedJson } from '../src/run/runDataFile.ts';

async function exampleItems(): Promise<CorpusResult[]> {
  const analyzer = createAnalyzer();
  const items: CorpusResult[] = [];
  for await (const item of readCorpus({
    input: 'reports/example-corpus',
    metadata: 'reports/example-corpus/metadata.csv',
  }))
    if (item.kind === 'article') items.push({ kind: 'result', ...analyzer.analyze(item.article) });
  return items;
}

test("an item's line is the typed JSON of the item, whose typed arrays come back on reading", async (t) => {
  const items = await exampleItems();
  t.true(items.length >= 4);
  for (const item of items) {
    if (item.kind !== 'result') continue;
    const line = itemLine(item);
    t.is(line, `${typedJson(item)}\n`, item.result.article.id);
    const back = parseRecordLine(line) as typeof item;
    t.true(back.summary.signature instanceof Uint32Array);
    t.true(back.summary.terms.counts instanceof Int32Array);
    t.deepEqual(Array.from(back.summary.shingles), Array.from(item.summary.shingles));
    t.deepEqual(
      back.summary.sentences.map((s) => Array.from(s.hashes)),
      item.summary.sentences.map((s) => Array.from(s.hashes)),
    );
  }
  const skipped: CorpusResult = {
    kind: 'issue',
    issue: { severity: 'info', code: 'x/y', message: 'a note', file: 'f.txt' },
  };
  t.is(itemLine(skipped), `${typedJson(skipped)}\n`);
});
