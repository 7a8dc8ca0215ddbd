import test from 'ava';
import * as framescope from '../src/index.ts';

/** Pins the public API: what a notebook imports from 'framescope'. */
test('the public API exports the stages, the writers and the types a notebook needs', (t) => {
  const expected = [
    'analyzeCorpus',
    'analyzeText',
    'createAnalyzer',
    'prepareLexicons',
    'readCorpus',
    'readDocument',
    'readArticle',
    'kwic',
    'compileKwicPattern',
    'kwicLine',
    'findQuotations',
    'findAttributions',
    'findMatches',
    'compileLexicon',
    'loadBuiltinPacks',
    'checkPacks',
    'compareCorpus',
    'groupFigures',
    'toCsv',
    'toMarkdown',
    'toLatex',
    'toSvg',
    'heatmapSvg',
    'articleHtml',
    'buildOutputs',
    'krippendorffAlpha',
    'cohensKappa',
  ];
  for (const name of expected) t.is(typeof (framescope as Record<string, unknown>)[name], 'function', name);
  // The registries a notebook reads: the composite indexes, the input formats.
  t.deepEqual(
    framescope.INDEXES.map((i) => i.name),
    [
      'index_state_media',
      'index_evaluative_intensity',
      'index_hedging',
      'index_state_media_authorial',
      'index_state_media_prc',
      'index_state_media_ru',
      'index_state_media_ir',
    ],
  );
  t.deepEqual(
    framescope.READERS.map((r) => r.format),
    ['csv', 'jsonl', 'txt', 'md', 'html'],
  );
});

test("issue 13: kwic from the library gives the lines framescope kwic prints, with each hit's voice", async (t) => {
  const { lexicon } = framescope.compileKwicPattern('win-win');
  t.truthy(lexicon);
  if (!lexicon) return;
  const hits: string[] = [];
  let articles = 0;
  for await (const item of framescope.kwic(lexicon, ['reports/example-corpus'], 3)) {
    if (item.kind === 'hit') hits.push(`${item.line}\t${item.match.voice}`);
    else if (item.kind === 'article') articles++;
  }
  t.true(articles >= 8);
  t.true(hits.length > 0);
  for (const line of hits)
    t.regex(line, /^\S+\t\d+:\d+\t.* \| win-win \| .*\t(authorial|quoted|attributed)$/i);
  t.deepEqual(
    framescope.compileKwicPattern('re:(').issues.length > 0,
    true,
    'a pattern that cannot compile says why',
  );
});

test('analyzeText gives a typed result with spans that point at the text', (t) => {
  const text = 'Officials said the accord was a "win-win" deal. Critics claimed it was unprecedented.';
  const r = framescope.analyzeText(text, { outlet: 'Northwire' });
  t.is(r.article.metadata['outlet'], 'Northwire');
  t.true(r.wordCount > 10);
  t.true(r.matches.length > 0);
  for (const m of r.matches) t.is(text.slice(m.start, m.end), m.text);
  const winWin = r.matches.find((m) => /win-win/i.test(m.text));
  t.is(winWin?.voice, 'quoted');
  t.throws(() => framescope.analyzeText(42 as unknown as string), {
    instanceOf: TypeError,
    message: /expecting a string, instead found number/,
  });
});
