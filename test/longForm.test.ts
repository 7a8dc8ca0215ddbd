import test from 'ava';
import { scoresLong } from '../src/report/longForm.ts';
import { methodsSection } from '../src/report/methods.ts';
import { resultsJson, resultsNdjson } from '../src/report/resultsJson.ts';
import type { RunData } from '../src/report/runData.ts';
import { lineStartsOf, textSpanOf } from '../src/text/positions.ts';
import type { ArticleResult, Match } from '../src/types.ts';

function article(
  id: string,
  text: string,
  figures: Record<string, number | null>,
  matches: Match[] = [],
): ArticleResult {
  return {
    article: {
      id,
      text,
      metadata: { outlet: `outlet of ${id}`, date: '2031-03-12' },
      source: { file: `${id}.txt`, format: 'txt' },
    },
    structure: {
      title: { ...textSpanOf(text, lineStartsOf(text), 0, 5), kind: 'title' },
      byline: null,
      dateline: null,
      lead: null,
      headings: [],
      body: [],
      references: [],
      furniture: [],
    },
    tokenCount: 10,
    wordCount: 8,
    sentenceCount: 1,
    dateFound: null,
    quotations: [],
    matches,
    attributions: [],
    choices: [],
    figures,
    issues: [],
  };
}

const TEXT = 'Title\nThey said it was a bold plan.';
const bold = TEXT.indexOf('bold');
const MATCH: Match = {
  ...textSpanOf(TEXT, lineStartsOf(TEXT), bold, bold + 4),
  pack: 'evaluative',
  entryId: 'bold',
  category: 'evaluative.booster',
  pattern: 'bold',
  weight: 1,
  sentence: 0,
  firstToken: 5,
  endToken: 6,
  voice: 'authorial',
  negated: false,
};

const DATA: RunData = {
  results: [
    article('b-2', TEXT, { word_count: 8, rate_evaluative: 125, share_direct: null }, [MATCH]),
    article('B-10', 'Other\nText here.', { word_count: 2, rate_evaluative: 1 / 3, share_direct: 0.5 }),
  ],
  summaries: [],
  packs: [],
  skipped: [{ id: 'empty', file: 'empty.txt', reason: 'empty file', code: 'input/empty-file' }],
  issues: [],
  metrics: [
    {
      name: 'rate_evaluative',
      description: 'Evaluative hits per 1,000 words.',
      formula: '1000 * hits / word_count',
    },
  ],
  settings: { input: 'corpus', strict: 'false' },
  toolVersion: '0.1.0',
};

test('scores_long: one row per article and figure, sorted by id then metric, pivoting back to the figures', (t) => {
  const { header, rows } = scoresLong(DATA.results);
  t.deepEqual(header, ['article', 'metric', 'value']);
  t.deepEqual(
    rows.map((r) => `${r[0]}/${r[1]}`),
    [
      'B-10/rate_evaluative',
      'B-10/share_direct',
      'B-10/word_count',
      'b-2/rate_evaluative',
      'b-2/share_direct',
      'b-2/word_count',
    ],
  );
  t.is(rows[4]![2], null, 'a figure without value keeps its row');
  const pivot = new Map<string, Record<string, unknown>>();
  for (const [a, m, v] of rows) pivot.set(a as string, { ...pivot.get(a as string), [m as string]: v });
  for (const r of DATA.results) t.deepEqual(pivot.get(r.article.id), r.figures);
});

test('results.json: the same content as the tables, keys sorted at every level, byte-stable', (t) => {
  const json = resultsJson(DATA);
  t.is(json, resultsJson(DATA));
  const parsed = JSON.parse(json);
  const sortedKeys = (v: unknown): boolean =>
    Array.isArray(v)
      ? v.every(sortedKeys)
      : v !== null && typeof v === 'object'
        ? Object.keys(v).join('\u0000') === Object.keys(v).sort().join('\u0000') &&
          Object.values(v).every(sortedKeys)
        : true;
  t.true(sortedKeys(parsed));
  t.is(parsed.articles.length, 2);
  const first = parsed.articles[0];
  t.is(first.id, 'b-2');
  t.deepEqual(first.metadata, { date: '2031-03-12', outlet: 'outlet of b-2' });
  t.deepEqual(first.figures, { rate_evaluative: 125, share_direct: null, word_count: 8 });
  t.is(first.matches[0].entry_id, 'bold');
  t.is(first.matches[0].text, 'bold');
  t.is(TEXT.slice(first.matches[0].start, first.matches[0].end), 'bold');
  t.is(first.matches[0].line, 2);
  t.is(first.structure.title.text, 'Title');
  t.is(parsed.skipped[0].status, 'skipped');
  t.is(parsed.metrics[0].formula, '1000 * hits / word_count');
});

test('results.ndjson: one line per article then per skipped input, each the same object as in results.json', (t) => {
  const lines = resultsNdjson(DATA).trimEnd().split('\n');
  t.is(lines.length, 3);
  const json = JSON.parse(resultsJson(DATA));
  t.deepEqual(JSON.parse(lines[0]!), json.articles[0]);
  t.deepEqual(JSON.parse(lines[1]!), json.articles[1]);
  t.is(JSON.parse(lines[2]!).status, 'skipped');
  t.is(resultsNdjson({ ...DATA, results: [], skipped: [] }), '');
});

test('methods section: packs with versions and hashes, every formula, the options, the version, limitations', (t) => {
  const md = methodsSection({
    packs: [
      { name: 'zeta-pack', version: '2.0.0', sha256: 'f'.repeat(64), entries: 3 },
      { name: 'alpha_pack', version: '1.0.1', sha256: 'a'.repeat(64), entries: 12, kind: 'framing' },
    ],
    metrics: [
      ...DATA.metrics,
      {
        name: 'share_direct',
        description: 'Direct quotes among attributions.',
        formula: 'count(kind = `direct`) / attributions',
      },
    ],
    settings: { strict: 'false', metadata: '', input: 'my|corpus' },
    toolVersion: '0.1.0',
    limitations: ['Irony is not detected <ever>.'],
  });
  t.regex(md, /framescope 0\.1\.0/);
  t.true(md.indexOf('alpha\\_pack') < md.indexOf('zeta-pack'), 'packs sorted by name, escaped');
  t.regex(md, new RegExp(`\\| alpha\\\\_pack \\| framing \\| 1\\.0\\.1 \\| 12 \\| ${'a'.repeat(64)} \\|`));
  t.regex(md, /- \*\*rate\\_evaluative\*\*: Evaluative hits per 1,000 words\. `1000 \* hits \/ word_count`/);
  t.true(
    md.includes('``count(kind = `direct`) / attributions``'),
    'a backtick in a formula gets a longer fence',
  );
  t.regex(md, /\| input \| my\\\|corpus \|/);
  t.regex(md, /\| metadata \| \(not set\) \|/);
  t.regex(md, /- Irony is not detected &lt;ever&gt;\./);
});
