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
