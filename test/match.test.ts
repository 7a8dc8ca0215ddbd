import test from 'ava';
import { checkPacks, compileLexicon, parsePack } from '../src/lexicon/index.ts';
import {
  type CompiledLexicon,
  OVERLAP_POLICIES,
  type OverlapPolicy,
  findMatches,
} from '../src/match/index.ts';
import { readDocument } from '../src/text/document.ts';
import { textSpanOf } from '../src/text/positions.ts';
import type { Attribution, Document, Match, Quotation } from '../src/types.ts';

const docOf = (text: string): Document =>
  readDocument({ id: 't', text, metadata: {}, source: { file: 't.txt', format: 'txt' } });

interface EntrySpec {
  id?: string;
  category?: string;
  patterns: string[];
  extra?: string[];
}

/** A pack written in YAML like a real one, so the tests go through the parser too. */
function lexiconOf(...entries: EntrySpec[]): CompiledLexicon {
  return lexiconWith(true, entries);
}

function lexiconWith(checked: boolean, entries: EntrySpec[]): CompiledLexicon {
  const lines = [
    'pack: test-pack',
    'kind: framing',
    'version: 1.0.0',
    'description: d',
    'licence: l',
    'citation: c',
    'entries:',
  ];
  entries.forEach((e, i) => {
    lines.push(`  - id: ${e.id ?? `e${i}`}`, `    category: ${e.category ?? `test.c${i}`}`, '    patterns:');
    for (const p of e.patterns) lines.push(`      - ${JSON.stringify(p)}`);
    lines.push('    rationale: r', '    evidence: e', ...(e.extra ?? []).map((x) => `    ${x}`));
  });
  const pack = parsePack(lines.join('\n'), 'test.yaml');
  const errors = checked ? checkPacks([pack]).filter((i) => i.severity === 'error') : [];
  if (errors.length > 0) throw new Error(errors.map((i) => `${i.line}: ${i.message}`).join('\n'));
  return compileLexicon([pack]);
}

function hits(text: string, lexicon: CompiledLexicon, overlap?: OverlapPolicy): string[] {
  return findMatches(docOf(text), lexicon, overlap ? { overlap } : {}).map((m) => m.text);
}

test('multi-word patterns match consecutive tokens, inflected under lemma matching', (t) => {
  const lex = lexiconOf({ patterns: ['community with a shared future'] });
  t.deepEqual(hits('They built communities with a shared future. A community with shared future.', lex), [
    'communities with a shared future',
  ]);
});

test('matching is case-insensitive by default and exact under case_sensitive', (t) => {
  t.deepEqual(hits('SHINY Widget, shiny widget.', lexiconOf({ patterns: ['shiny widget'] })), [
    'SHINY Widget',
    'shiny widget',
  ]);
  const cs = lexiconOf({ patterns: ['US'], extra: ['case_sensitive: true'] });
  t.deepEqual(hits('The US told us about the U.S. plan.', cs), ['US', 'U.S.']);
});

test('UK and US spellings and inflections meet under lemma and stem matching', (t) => {
  const text = 'Stabilising prices stabilized nothing; we stabilize and keep stabilizing.';
  const expected = ['Stabilising', 'stabilized', 'stabilize', 'stabilizing'];
  t.deepEqual(hits(text, lexiconOf({ patterns: ['stabilizing'] })), expected);
  t.deepEqual(hits(text, lexiconOf({ patterns: ['stabilising'], extra: ['match: stem'] })), expected);
  t.deepEqual(
    hits('The colour revolution and color revolutions.', lexiconOf({ patterns: ['color revolution'] })),
    ['colour revolution', 'color revolutions'],
  );
  t.deepEqual(
    hits(
      'The centre of the defence analysis.',
      lexiconOf({ patterns: ['center'] }, { patterns: ['defense'] }),
    ),
    ['centre', 'defence'],
  );
  t.deepEqual(
    hits(
      'They analysed, analyzed and analyze it.',
      lexiconOf({ patterns: ['analyzed'], extra: ['match: normal'] }),
    ),
    ['analysed', 'analyzed'],
  );
});

test('exact matching keeps inflected forms apart', (t) => {
  t.deepEqual(hits('Widgets and a widget.', lexiconOf({ patterns: ['widget'], extra: ['match: exact'] })), [
    'widget',
  ]);
});

test('hyphens, dashes and spaces are interchangeable', (t) => {
  const text = 'China-US talks, China–US talks, China — US talks and China US talks.';
  t.deepEqual(hits(text, lexiconOf({ patterns: ['China-US talks'] })), [
    'China-US talks',
    'China–US talks',
    'China — US talks',
    'China US talks',
  ]);
  t.deepEqual(hits('A win-win deal and a win win deal.', lexiconOf({ patterns: ['win win'] })), [
    'win-win',
    'win win',
  ]);
  t.deepEqual(hits('An e-mail and an e mail.', lexiconOf({ patterns: ['e-mail'] })), ['e-mail', 'e mail']);
});

test('apostrophes straight or curly, periods in abbreviations optional', (t) => {
  t.deepEqual(hits("Xi's speech and Xi’s speech.", lexiconOf({ patterns: ["Xi's speech"] })), [
    "Xi's speech",
    'Xi’s speech',
  ]);
  t.deepEqual(hits("It isn’t true; it isn't.", lexiconOf({ patterns: ["isn't"] })), ['isn’t', "isn't"]);
  t.deepEqual(hits('The U.S. side and the US side.', lexiconOf({ patterns: ['U.S. side'] })), [
    'U.S. side',
    'US side',
  ]);
});

test('globs match inside a word', (t) => {
  const lex = lexiconOf({ patterns: ['hegemon*'] }, { patterns: ['wom?n'] });
  t.deepEqual(hits('Hegemony, hegemonic and hegemonism. A woman and women, not a womn.', lex), [
    'Hegemony',
    'hegemonic',
    'hegemonism',
    'woman',
    'women',
  ]);
  t.deepEqual(hits('A US-led bloc and a Russia-led bloc.', lexiconOf({ patterns: ['*-led bloc'] })), [
    'US-led bloc',
    'Russia-led bloc',
  ]);
});

test('re: patterns match one token by a regex', (t) => {
  t.deepEqual(hits('In the 1990s and 2020s, not in 1990.', lexiconOf({ patterns: ['re:\\d{4}s'] })), [
    '1990s',
    '2020s',
  ]);
  t.deepEqual(hits('In the 1990s decade.', lexiconOf({ patterns: ['re:\\d{4}s decade'] })), ['1990s decade']);
});

test('NEAR/n finds two words within n tokens of each other, either order, in one sentence', (t) => {
  const lex = lexiconOf({ patterns: ['sovereignty NEAR/3 violate'] });
  t.deepEqual(
    hits(
      'They violated our national sovereignty. Sovereignty was openly violated. ' +
        'Sovereignty was clearly and openly violated. ' +
        'Sovereignty matters a great deal to everyone who violates it. Sovereignty. They violate.',
      lex,
    ),
    ['violated our national sovereignty', 'Sovereignty was openly violated'],
  );
});

test('exclude drops a hit that lies inside a longer phrase', (t) => {
  const lex = lexiconOf({ patterns: ['experts'], extra: ['exclude: [so-called experts]'] });
  t.deepEqual(hits('So-called experts and real experts. So called experts too.', lex), ['experts']);
});

test('POS constraints: word@POS and the entry pos field', (t) => {
  t.deepEqual(hits('They lead the way. The lead was small.', lexiconOf({ patterns: ['lead@NOUN'] })), [
    'lead',
  ]);
  const m = findMatches(
    docOf('They lead the way. The lead was small.'),
    lexiconOf({ patterns: ['lead'], extra: ['pos: VERB'] }),
  );
  t.deepEqual(
    m.map((x) => [x.text, x.column]),
    [['lead', 6]],
  );
});

test('overlap policies: longest, first and all', (t) => {
  t.deepEqual([...OVERLAP_POLICIES].sort(), ['all', 'first', 'longest']);
  const lex = lexiconOf({ patterns: ['alpha beta'] }, { patterns: ['beta gamma delta'] });
  const text = 'alpha beta gamma delta';
  t.deepEqual(hits(text, lex), ['beta gamma delta']);
  t.deepEqual(hits(text, lex, 'longest'), ['beta gamma delta']);
  t.deepEqual(hits(text, lex, 'first'), ['alpha beta']);
  t.deepEqual(hits(text, lex, 'all'), ['alpha beta', 'beta gamma delta']);
  const tie = lexiconWith(false, [
    { id: 'one', patterns: ['gamma'] },
    { id: 'two', patterns: ['gamma'] },
  ]);
  t.deepEqual(
    findMatches(docOf('gamma'), tie).map((m) => m.entryId),
    ['one'],
    'a tie goes to the entry first in pack order',
  );
  const nested = lexiconOf({ patterns: ['shared future'] }, { patterns: ['community with a shared future'] });
  t.deepEqual(hits('a community with a shared future', nested), ['community with a shared future']);
});

test('a negation cue within three tokens before the hit in the same sentence marks it negated', (t) => {
  const lex = lexiconOf({ patterns: ['hegemonic'] });
  const m = findMatches(
    docOf(
      "It is not hegemonic. It isn't a hegemonic plan. It is hegemonic. Never was it really very hegemonic. No. Hegemonic.",
    ),
    lex,
  );
  t.deepEqual(
    m.map((x) => x.negated),
    [true, true, false, false, false],
  );
});

test('voice: quoted inside a quotation, attributed inside reported speech, else authorial', (t) => {
  const text =
    'He said "the plan is hegemonic" today. Officials said the plan was hegemonic. The plan is hegemonic.';
  const doc = docOf(text);
  const at = (needle: string, from = 0) => {
    const s = text.indexOf(needle, from);
    return textSpanOf(text, doc.lineStarts, s, s + needle.length);
  };
  const quoteOuter = at('"the plan is hegemonic"');
  const quotation: Quotation = {
    ...quoteOuter,
    content: at('the plan is hegemonic'),
    mark: 'double',
    closed: true,
    depth: 0,
  };
  const attribution: Attribution = {
    index: 0,
    kind: 'indirect',
    cue: { ...at('said', 40), lemma: 'say', loaded: false },
    source: at('Officials'),
    speaker: null,
    resolution: 'vague',
    sourceType: 'official',
    stateLabelDisclosed: null,
    content: at('the plan was hegemonic'),
    sentence: 1,
  };
  const m = findMatches(doc, lexiconOf({ patterns: ['hegemonic'] }), {
    quotations: [quotation],
    attributions: [attribution],
  });
  t.deepEqual(
    m.map((x) => x.voice),
    ['quoted', 'attributed', 'authorial'],
  );
});

test('furniture is not matched: only scored tokens can match', (t) => {
  const text =
    'Widget makers meet\n\nThe widget fair opened on Monday with many visitors.\n\nTopics: widget, fair';
  const doc = docOf(text);
  const topicsStart = text.indexOf('Topics');
  const unscored = [...doc.tokens.scored].some(
    (s, i) => s === 0 && (doc.tokens.start[i] as number) >= topicsStart,
  );
  t.true(unscored, 'the Topics line is furniture');
  const m = findMatches(doc, lexiconOf({ patterns: ['widget'] }));
  t.true(m.length >= 1);
  t.true(m.every((x) => x.start < topicsStart));
});

test('every match carries its exact text, place, tokens and entry, sorted by start', (t) => {
  const text =
    'First line here.\nThe so-called experts spoke of a win–win future.\r\nColour revolutions, hegemonic plans and U.S. hegemony.\n';
  const doc = docOf(text);
  const lex = lexiconOf(
    { id: 'so-called', category: 'state-media.rebuttal', patterns: ['so-called'] },
    { id: 'win-win', category: 'state-media.slogan', patterns: ['win-win'] },
    { id: 'colour', patterns: ['colour revolution'] },
    { id: 'hegemony', patterns: ['hegemon*', 'US hegemony'] },
  );
  for (const policy of OVERLAP_POLICIES) {
    const m: Match[] = findMatches(doc, lex, { overlap: policy });
    t.true(m.length >= 5, policy);
    for (const x of m) {
      t.is(x.text, doc.text.slice(x.start, x.end));
      const lineStart = doc.lineStarts[x.line - 1] as number;
      t.is(x.start - lineStart + 1, x.column);
      t.is(doc.tokens.start[x.firstToken], x.start);
      t.is(doc.tokens.end[x.endToken - 1], x.end);
      t.is(x.pack, 'test-pack');
    }
    t.deepEqual(
      m.map((x) => x.start),
      [...m.map((x) => x.start)].sort((a, b) => a - b),
    );
  }
  const m = findMatches(doc, lex);
  const win = m.find((x) => x.entryId === 'win-win');
  t.like(win, {
    text: 'win–win',
    line: 2,
    column: 34,
    category: 'state-media.slogan',
    pattern: 'win-win',
    weight: 1,
  });
  t.deepEqual(
    m.map((x) => x.text),
    ['so-called', 'win–win', 'Colour revolutions', 'hegemonic', 'U.S. hegemony'],
  );
});

test('choices packs are resolved apart from framing packs', (t) => {
  const framing = parsePack(
    'pack: f\nkind: framing\nversion: 1.0.0\ndescription: d\nlicence: l\ncitation: c\nentries:\n  - id: war\n    category: conflict.war\n    patterns: [war in Ukraine]\n    rationale: r\n    evidence: e\n',
    'f.yaml',
  );
  const choices = parsePack(
    'pack: c\nkind: choices\nversion: 1.0.0\ndescription: d\nlicence: l\ncitation: c\nentries:\n  - id: war-in-ukraine\n    category: choice.ukraine-war\n    patterns: [war in Ukraine]\n    rationale: r\n    evidence: e\n    choice: ukraine-war\n    term: war\n',
    'c.yaml',
  );
  const m = findMatches(docOf('The war in Ukraine went on.'), compileLexicon([framing, choices]));
  t.deepEqual(
    m.map((x) => x.pack),
    ['f', 'c'],
  );
});

test('findMatches refuses an unknown overlap policy', (t) => {
  t.throws(
    () => findMatches(docOf('x'), lexiconOf({ patterns: ['x'] }), { overlap: 'widest' as OverlapPolicy }),
    {
      message: /overlap policy must be one of longest, first, all, got widest/,
    },
  );
});
