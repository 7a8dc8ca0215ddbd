import test from 'ava';
import { readArticle } from '../src/analyzer/readArticle.ts';
import { loadSourceLexicon } from '../src/attribution/index.ts';
import { framingFigures } from '../src/figures/framing.ts';
import {
  CARRIED_AT_HALF,
  INDEXES,
  INDEX_METRICS,
  OWN_VOICE,
  formulaOf,
  hitValue,
} from '../src/figures/indexes.ts';
import { compileLexicon, parsePack } from '../src/lexicon/index.ts';
import type { Article } from '../src/types.ts';

/**
 * Issue 14 phase 2: the indexes of the registry on invented texts with known answers. The voice
 * weighting is part of an index's declaration; per-register indexes are fed by what the packs
 * declare for them, not by the categories' names.
 */

const head = (pack: string, indexes: string) =>
  `pack: ${pack}\nkind: framing\nversion: 1.0.0\ndescription: d\nlicence: l\ncitation: c\nindexes:\n${indexes}entries:\n`;
const entry = (id: string, category: string, pattern: string, weight = 1) =>
  `  - id: ${id}\n    category: ${category}\n    patterns: [${pattern}]\n    weight: ${weight}\n    rationale: r\n    evidence: e\n`;

const prc = parsePack(
  head('prc', '  state-media: [state-media]\n  state-media-prc: [state-media.prc]\n') +
    entry('win-win', 'state-media.prc.slogan', 'win-win cooperation', 2),
  'prc.yaml',
);
const ru = parsePack(
  head('ru', '  state-media: [state-media]\n  state-media-ru: [state-media.ru]\n') +
    entry('kiev-regime', 'state-media.ru.label', 'Kiev regime'),
  'ru.yaml',
);
/** A pack of PRC phrasing that declares only the pooled index: no register index counts its hits. */
const undeclared = parsePack(
  head('other', '  state-media: [state-media]\n') +
    entry('core-interests', 'state-media.prc.sovereignty', 'core interests'),
  'other.yaml',
);
const evaluative = parsePack(
  head('ev', '  evaluative-intensity: [evaluative]\n') +
    entry('loaded', 'evaluative.loaded', 'shameful') +
    entry('mild', 'evaluative.positive', 'pleasant', 0.25),
  'ev.yaml',
);
const lexicon = compileLexicon([prc, ru, undeclared, evaluative]);
const sources = loadSourceLexicon();

const figuresOf = (text: string) => {
  const article: Article = { id: 'a', text, metadata: {}, source: { file: 'a.txt', format: 'txt' } };
  const read = readArticle(article, lexicon, sources);
  return { read, f: framingFigures(read.doc, read.matches, lexicon), words: read.doc.wordCount };
};

test('a quoted slogan counts ½ in index_state_media and 0 in index_state_media_authorial', (t) => {
  const { read, f, words } = figuresOf(
    'The talks went on for hours on Monday. "We want win-win cooperation," the minister told reporters.',
  );
  t.deepEqual(
    read.matches.map((m) => [m.entryId, m.voice]),
    [['win-win', 'quoted']],
    'the slogan is found inside the quotation',
  );
  t.is(f['index_state_media'], ((2 * 0.5) / words) * 1000, 'weight 2 × ½');
  t.is(f['index_state_media_authorial'], 0);
  t.is(f['index_state_media_prc'], ((2 * 0.5) / words) * 1000);
});

test('the same slogan in the outlet’s own words counts fully in both', (t) => {
  const { read, f, words } = figuresOf('The two sides agreed on win-win cooperation in trade and energy.');
  t.deepEqual(
    read.matches.map((m) => m.voice),
    ['authorial'],
  );
  t.is(f['index_state_media'], (2 / words) * 1000);
  t.is(f['index_state_media_authorial'], (2 / words) * 1000);
});

test('reported speech counts ½ like a quotation', (t) => {
  const { read, f, words } = figuresOf('The minister said that the Kiev regime had shelled the town again.');
  t.deepEqual(
    read.matches.map((m) => [m.entryId, m.voice]),
    [['kiev-regime', 'attributed']],
  );
  t.is(f['index_state_media'], (0.5 / words) * 1000);
  t.is(f['index_state_media_authorial'], 0);
  t.is(f['index_state_media_ru'], (0.5 / words) * 1000);
});

test('per-register indexes count the categories their packs declare for them, and only those', (t) => {
  const { f, words } = figuresOf(
    'Officials praised win-win cooperation. The Kiev regime was blamed. Both stressed core interests.',
  );
  t.is(
    f['index_state_media_prc'],
    (2 / words) * 1000,
    'win-win only: core interests is PRC phrasing, but its pack declares no register index',
  );
  t.is(f['index_state_media_ru'], (1 / words) * 1000);
  t.is(f['index_state_media_ir'], 0, 'no pack declares state-media-ir');
  t.is(
    f['index_state_media'],
    ((2 + 1 + 1) / words) * 1000,
    'the pooled index counts every declared category',
  );
});

test('index_evaluative_intensity counts each hit at its entry weight', (t) => {
  const { f, words } = figuresOf('It was a shameful decision on a pleasant afternoon.');
  t.is(f['index_evaluative_intensity'], ((1 + 0.25) / words) * 1000);
});

test('what a hit adds is its voice weight times its entry weight', (t) => {
  const stateMedia = INDEXES.find((i) => i.name === 'index_state_media');
  const hedging = INDEXES.find((i) => i.name === 'index_hedging');
  if (!stateMedia || !hedging) return t.fail('expected both indexes in the registry');
  t.is(hitValue(stateMedia, { voice: 'authorial', weight: 2 }), 2);
  t.is(hitValue(stateMedia, { voice: 'quoted', weight: 2 }), 1);
  t.is(hitValue(stateMedia, { voice: 'attributed', weight: 0.5 }), 0.25);
  t.is(hitValue(hedging, { voice: 'authorial', weight: 3 }), 1, 'a counting index ignores the weight');
  t.is(hitValue(hedging, { voice: 'quoted', weight: 3 }), 0);
});

test('the formula text is written from the declared voice weights, and the methods say the version', (t) => {
  const byName = new Map(INDEXES.map((i) => [i.name, i]));
  const formula = (name: string) => formulaOf(byName.get(name) as (typeof INDEXES)[number]);
  t.deepEqual(byName.get('index_state_media')?.voices, CARRIED_AT_HALF);
  t.deepEqual(byName.get('index_state_media_authorial')?.voices, OWN_VOICE);
  t.regex(
    formula('index_state_media'),
    /Σ weight × \(authorial hits \+ ½ × quoted hits \+ ½ × attributed hits\)/,
  );
  t.regex(
    formula('index_state_media_authorial'),
    /^Σ weight × authorial hits of the categories declared for state-media/,
  );
  t.regex(formula('index_state_media_ru'), /declared for state-media-ru/);
  t.regex(
    formula('index_hedging'),
    /^A \/ \(A \+ B\), A = authorial hits of the categories declared for hedging\.hedges/,
  );
  const methods = INDEX_METRICS.find((m) => m.name === 'index_state_media');
  t.regex(methods?.description ?? '', /Definition version 2; changes: v2 \(issue 14\): .*count ½/);
  const names = INDEXES.map((i) => i.name);
  t.is(new Set(names).size, names.length, 'one column per index');
});
