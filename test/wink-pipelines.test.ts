import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { blocksOf } from '../src/text/tokenize.ts';
import { wink } from '../src/text/winkModel.ts';
import { repoRoot, sharedPath, sharedTest } from './helpers/shared.ts';

/**
 * Documents are read through wink's lexical pipeline and entities through the full one (see
 * winkModel.ts): that is sound only while both give the same tokens, normal forms, lemmas, tags
 * and sentences. Each text is read block by block, as readDocument reads it.
 */
function assertSameReadings(t: ExecutionContext, name: string, text: string): number {
  const full = wink('full');
  const lexical = wink('lexical');
  const its = full.its;
  let tokens = 0;
  for (const block of blocksOf(text)) {
    const part = text.slice(block.start, block.end);
    const a = full.readDoc(part);
    const b = lexical.readDoc(part);
    const reading = (doc: typeof a) => {
      const tk = doc.tokens();
      return {
        value: tk.out(its.value),
        spaces: tk.out(its.precedingSpaces),
        normal: tk.out(its.normal),
        lemma: tk.out(its.lemma as never),
        pos: tk.out(its.pos),
        type: tk.out(its.type),
        sentences: doc.sentences().out(its.span),
      };
    };
    const expected = reading(a);
    const actual = reading(b);
    tokens += expected.value.length;
    for (const key of Object.keys(expected) as (keyof typeof expected)[])
      if (JSON.stringify(actual[key]) !== JSON.stringify(expected[key]))
        t.fail(`${name}: the lexical reading's ${key} differs from the full one's in "${part.slice(0, 80)}"`);
  }
  return tokens;
}

test('the lexical and full wink readings agree on the example corpus and invented edge cases', (t) => {
  const dir = join(repoRoot, 'reports', 'example-corpus');
  let tokens = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt') || f.endsWith('.md')))
    tokens += assertSameReadings(t, file, readFileSync(join(dir, file), 'utf8'));
  tokens += assertSameReadings(
    t,
    'edge cases',
    [
      "Poor's and the U.S. agreed on 3 May 2031 at 10:30 a.m. -- not Tuesday's vote.",
      'It cost $4.5bn (£3.2bn), up 12% from 2030; "No," said Dr. Lee, "it isn\'t."',
      'e-mail: desk@example.org #accord @ministry :-) 1st 2nd 3rd 10km 5,000 troops',
      "Didn't they? Won't we! I'd've gone ... 'quoted' «cited» ‘single’ “double”",
    ].join('\n'),
  );
  t.true(tokens > 1000, `${tokens} tokens compared`);
});

sharedTest(['corpus', 'seeds'], 'the lexical and full wink readings agree on the seed articles', (t) => {
  const dir = sharedPath('corpus', 'seeds');
  let tokens = 0;
  for (const file of readdirSync(dir).filter((f) => !f.startsWith('.')))
    tokens += assertSameReadings(t, file, readFileSync(join(dir, file), 'utf8'));
  t.true(tokens > 1000);
});

sharedTest(['data', 'bbc'], 'the lexical and full wink readings agree on 300 BBC articles', (t) => {
  const lines = readFileSync(sharedPath('data', 'bbc', 'bbc_news_2225.jsonl'), 'utf8').split('\n');
  let tokens = 0;
  // Every 7th article, so that every section of the corpus is in the sample.
  for (const [i, line] of lines.entries())
    if (line.trim() !== '' && i % 7 === 0 && i < 2100)
      tokens += assertSameReadings(t, `bbc line ${i + 1}`, (JSON.parse(line) as { text: string }).text);
  t.true(tokens > 100_000);
});
