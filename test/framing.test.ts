import test from 'ava';
import { figureKeyOf, framingFigures, framingMetrics, termChoices } from '../src/figures/framing.ts';
import { compileLexicon, parsePack } from '../src/lexicon/index.ts';
import { findMatches } from '../src/match/index.ts';
import { readDocument } from '../src/text/document.ts';
import { textSpanOf } from '../src/text/positions.ts';
import type { Quotation } from '../src/types.ts';

const head = (pack: string, kind: string, indexes = '') =>
  `pack: ${pack}\nkind: ${kind}\nversion: 1.0.0\ndescription: d\nlicence: l\ncitation: c\n${indexes}entries:\n`;
/** The categories of the test pack that feed each index, as the built-in packs declare theirs. */
const INDEX_DECLARATIONS =
  'indexes:\n  state-media: [state-media]\n  hedging.hedges: [hedge]\n  hedging.boosters: [certainty.booster]\n  evaluative-intensity: [certainty.booster]\n';
const entry = (id: string, category: string, patterns: string[], extra = '') =>
  `  - id: ${id}\n    category: ${category}\n    patterns: [${patterns.join(', ')}]\n    weight: ${id === 'slogan' ? 2 : 1}\n    rationale: r\n    evidence: e\n${extra}`;

const framing = parsePack(
  head('f', 'framing', INDEX_DECLARATIONS) +
    entry('slogan', 'state-media.prc.slogan', ['win-win']) +
    entry('rebuttal', 'state-media.prc.rebuttal', ['so-called']) +
    entry('hedge', 'hedge.modal', ['might', 'perhaps']) +
    entry('booster', 'certainty.booster', ['clearly']),
  'f.yaml',
);
const choices = parsePack(
  head('c', 'choices') +
    entry('crisis', 'choice.ukraine-war', ['Ukraine crisis'], '    choice: ukraine-war\n    term: crisis\n') +
    entry('war', 'choice.ukraine-war', ['war in Ukraine'], '    choice: ukraine-war\n    term: war\n') +
    entry('taipei', 'choice.taiwan', ['Taiwan authorities'], '    choice: taiwan\n    term: authorities\n') +
    entry('gov', 'choice.taiwan', ['Taiwan government'], '    choice: taiwan\n    term: government\n'),
  'c.yaml',
);
const lexicon = compileLexicon([framing, choices]);

// 20 words; "win-win" is quoted once and authorial once.
const text =
  'A win-win deal, perhaps. "It is win-win," he said. The so-called plan clearly might fail. The war in Ukraine and the Ukraine crisis.';
const doc = readDocument({ id: 'a', text, metadata: {}, source: { file: 'a.txt', format: 'txt' } });
const q0 = text.indexOf('"It');
const q1 = text.indexOf(',"') + 2;
const quotation: Quotation = {
  ...textSpanOf(text, doc.lineStarts, q0, q1),
  content: textSpanOf(text, doc.lineStarts, q0 + 1, q1 - 2),
  mark: 'double',
  closed: true,
  depth: 0,
};
const matches = findMatches(doc, lexicon, { quotations: [quotation] });

test('figure keys are snake_case with dots and hyphens as underscores', (t) => {
  t.is(figureKeyOf('state-media.prc.slogan'), 'state_media_prc_slogan');
});

test('framing figures count, rate and weight each top category and full path', (t) => {
  const f = framingFigures(doc, matches, lexicon);
  const words = doc.wordCount;
  t.true(words > 0);
  t.is(f['count_state_media'], 3);
  t.is(f['count_state_media_prc_slogan'], 2);
  t.is(f['count_authorial_state_media_prc_slogan'], 1);
  t.is(f['rate_state_media_prc_slogan'], (2 / words) * 1000);
  t.is(f['rate_authorial_state_media'], (2 / words) * 1000);
  t.is(f['weighted_state_media'], ((2 + 2 + 1) / words) * 1000);
  // The quoted win-win (weight 2) counts ½ in index_state_media and nothing in its authorial twin.
  t.is(f['index_state_media'], ((2 + 1 + 2 * 0.5) / words) * 1000);
  t.is(f['index_state_media_authorial'], ((2 + 1) / words) * 1000);
  t.is(f['count_hedge'], 2);
  t.is(f['index_hedging'], 2 / 3);
  t.is(f['index_evaluative_intensity'], (1 / words) * 1000);
  t.false(
    Object.keys(f).some((k) => k.includes('choice')),
    'choices packs are not framing figures',
  );
});

test('every figure has a definition with a formula, in the same order', (t) => {
  const f = framingFigures(doc, matches, lexicon);
  const defs = framingMetrics(lexicon);
  t.deepEqual(
    defs.map((d) => d.name),
    Object.keys(f),
  );
  t.true(defs.every((d) => d.formula.length > 0 && d.description.length > 0));
});

test('rates are null for an article without scored words; index_hedging null without hedges or boosters', (t) => {
  const empty = readDocument({ id: 'e', text: '', metadata: {}, source: { file: 'e.txt', format: 'txt' } });
  const f = framingFigures(empty, [], lexicon);
  t.is(f['count_state_media'], 0);
  t.is(f['rate_state_media'], null);
  t.is(f['index_hedging'], null);
});

test('termChoices names the term of each set the authorial voice used most', (t) => {
  const rows = termChoices(matches, lexicon);
  t.deepEqual(rows, [
    {
      set: 'taiwan',
      term: '',
      counts: { authorities: 0, government: 0 },
      authorialCounts: { authorities: 0, government: 0 },
    },
    {
      set: 'ukraine-war',
      term: 'mixed',
      counts: { crisis: 1, war: 1 },
      authorialCounts: { crisis: 1, war: 1 },
    },
  ]);
  const onlyWar = termChoices(
    matches.filter((m) => m.entryId !== 'crisis'),
    lexicon,
  );
  t.is(onlyWar.find((r) => r.set === 'ukraine-war')?.term, 'war');
});

test('issue 13: the packs say which categories feed an index, not the categories’ names', (t) => {
  // The same words under other names: declared, they feed the indexes; undeclared, nothing does.
  const pack = (indexes: string) =>
    parsePack(
      head('renamed', 'framing', indexes) +
        entry('slogan', 'register.slogan', ['win-win']) +
        entry('hedge', 'caution.modal', ['might', 'perhaps']) +
        entry('booster', 'state-media.sure', ['clearly']),
      'renamed.yaml',
    );
  const declared = compileLexicon([
    pack(
      'indexes:\n  state-media: [register]\n  hedging.hedges: [caution]\n  hedging.boosters: [state-media.sure]\n',
    ),
  ]);
  const f = framingFigures(doc, findMatches(doc, declared, { quotations: [quotation] }), declared);
  const words = doc.wordCount;
  t.is(
    f['index_state_media'],
    ((2 + 2 * 0.5) / words) * 1000,
    'the authorial slogan (weight 2), and ½ the quoted one',
  );
  t.is(f['index_state_media_authorial'], (2 / words) * 1000, 'the authorial slogan alone');
  t.is(f['index_hedging'], 2 / 3);
  t.is(f['index_evaluative_intensity'], 0);
  const undeclared = compileLexicon([pack('')]);
  const g = framingFigures(doc, findMatches(doc, undeclared, { quotations: [quotation] }), undeclared);
  t.is(g['count_state_media'], 1, 'state-media.sure is still counted as a category');
  t.is(g['index_state_media'], 0, 'but feeds no index its pack does not declare');
  t.is(g['index_hedging'], null);
});

test('a category declared for both parts of a share counts in the first', (t) => {
  const both = parsePack(
    head('both', 'framing', 'indexes:\n  hedging.hedges: [mixed]\n  hedging.boosters: [mixed, sure]\n') +
      entry('maybe', 'mixed.maybe', ['perhaps']) +
      entry('sure', 'sure.adverb', ['clearly']),
    'both.yaml',
  );
  const lexicon = compileLexicon([both]);
  const f = framingFigures(doc, findMatches(doc, lexicon, { quotations: [quotation] }), lexicon);
  t.is(f['index_hedging'], 1 / 2);
});
