// Issue 15: findings a scholar can trust (sources as entities, typing, facts that are one fact,
// metadata over guessing, page furniture), each on invented texts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import test from 'ava';
import { analyzeCorpus, createAnalyzer } from '../src/analyzer/analyzer.ts';
import { findAttributions, loadSourceLexicon } from '../src/attribution/index.ts';
import { findDiscrepancies } from '../src/compare/discrepancies.ts';
import { loadEventKinds } from '../src/compare/eventKinds.ts';
import { findAmounts } from '../src/compare/facts.ts';
import { groupAll } from '../src/compare/grouping.ts';
import { type ArticleSummary, summarizeForComparison } from '../src/compare/summary.ts';
import { givenValue } from '../src/corpus/metadata.ts';
import { calendarDateIn } from '../src/text/calendarDate.ts';
import { readDocument } from '../src/text/document.ts';
import { findQuotations } from '../src/text/quotes.ts';
import { notAnArticleReason } from '../src/text/structure.ts';
import type { Attribution } from '../src/types.ts';
import { repoRoot } from './helpers/shared.ts';

const lexicon = loadSourceLexicon();
const eventKinds = loadEventKinds();
const analyzer = createAnalyzer();

function docOf(text: string, metadata: Record<string, string> = {}, id = 't') {
  return readDocument({ id, text, metadata, source: { file: `${id}.txt`, format: 'txt' } });
}
function attributionsOf(text: string): Attribution[] {
  const doc = docOf(text);
  return findAttributions(doc, findQuotations(doc), lexicon);
}
function summary(id: string, text: string): ArticleSummary {
  return summarizeForComparison(docOf(text, {}, id), [], [], {}, { eventKinds });
}

// Sources as entities -------------------------------------------------------------------------

test('a weekday or a time before "said" is never the speaker', (t) => {
  for (const text of [
    'Chinese officials on Friday said the talks would resume in March.',
    'The minister Tuesday said the budget was balanced.',
    'Mayor Ana Lopez this week said the bridge was safe.',
  ]) {
    const [a] = attributionsOf(text);
    t.truthy(a, text);
    t.false(/friday|tuesday|week/i.test(a?.speaker ?? ''), `${text} -> ${a?.speaker}`);
  }
  t.is(attributionsOf('Mayor Ana Lopez this week said the bridge was safe.')[0]?.speaker, 'Ana Lopez');
  // A surname that is also a weekday stays a name when the article writes it as one.
  const coach = attributionsOf(
    'England coach Mike Friday praised his side. "We were brilliant," said Friday.',
  ).find((a) => a.kind === 'direct');
  t.is(coach?.speaker, 'Mike Friday');
});

test('a month or weekday before a comma is never "the company", "the bank" or "the government" that follows', (t) => {
  // A comma and a closing quotation mark after a month are no apposition: "the company" after
  // them is the speaker of the quotation, not a title of "March".
  const text =
    'Velmora Records said sales for the year to March will fall.\n\n' +
    '"Orders were weak in January and are expected to stay so through February and March," the company added.\n\n' +
    '"Rates will stay where they are until Tuesday," the bank said.\n\n' +
    'Also on Tuesday, the central bank said growth had slowed. In December, according to the government, it rose.';
  const found = attributionsOf(text);
  t.true(found.length >= 3, JSON.stringify(found.map((a) => a.speaker)));
  // A surname that is a month (or a modal) stays a name after an honorific.
  t.is(attributionsOf('"We will vote on Monday," Mrs May said.')[0]?.speaker, 'May');
  t.is(attributionsOf('Mrs May told MPs the vote was on Monday.')[0]?.speaker, 'May');
  for (const a of found)
    t.false(/^(january|february|march|tuesday)$/i.test(a.speaker ?? ''), `${a.source?.text} -> ${a.speaker}`);
});

test('a body named with "of" is the whole name; a person "of" an outlet stays the person', (t) => {
  const speaker = (text: string) => attributionsOf(text)[0]?.speaker;
  t.is(speaker('The Bank of Velmora said rates would rise.'), 'Bank of Velmora');
  t.is(speaker('The University of Velmora said the study was sound.'), 'University of Velmora');
  t.is(speaker('The Velmora Bank of Commerce said rates would rise.'), 'Velmora Bank of Commerce');
  t.is(speaker('Anna Smith of Northwire said rates would rise.'), 'Anna Smith');
  // A person "of the" body, with an apposition after it: the person speaks, not the body.
  const [varga] = attributionsOf(
    'Professor Ilse Varga of the Institute of Velmora, a long-time resident of the valley, argued that it would fail.',
  );
  t.is(varga?.speaker, 'Ilse Varga');
  // The profession outranks the private description in the apposition.
  t.is(varga?.sourceType, 'expert');
});

test('"Mr. Smith", "John Smith" and "Smith" are one source, with its aliases, counted once', (t) => {
  const text =
    'John Smith, the mayor of Velmora, said the bridge would open in May. Smith said it had cost too much. Mr. Smith added that work would start soon.';
  const as = attributionsOf(text).filter((a) => a.cue);
  t.true(as.length >= 3);
  t.true(as.every((a) => a.speaker === 'John Smith'));
  const aliases = new Set(as.flatMap((a) => a.aliases ?? []));
  t.true(aliases.has('Smith'));
  t.true(aliases.has('Mr. Smith'));
  t.is(analyzer.analyzeText(text).figures.n_named_sources, 1);
});

test('CDC, C.D.C. and the Centers for Disease Control and Prevention are one source', (t) => {
  const as = attributionsOf(
    'The Centers for Disease Control and Prevention said cases were rising. The C.D.C. said masks helped. The CDC added that tests were free.',
  );
  t.true(as.length >= 3);
  t.true(
    as.every((a) => a.speaker === 'Centers for Disease Control and Prevention'),
    JSON.stringify(as.map((a) => a.speaker)),
  );
  t.true(as.every((a) => a.sourceType === 'official'));
});

test('a pronoun agrees in gender with its referent and never reaches into a byline', (t) => {
  const she = attributionsOf(
    'Ms. Rice met Mr. Netanyahu on Tuesday. “I am not going to ascribe motives,” she said.',
  ).find((a) => a.source?.text === 'she');
  t.is(she?.speaker, 'Rice');
  const doc = docOf('By John Carter\n\n“We are ready for the storm,” he said on Monday.');
  const he = findAttributions(doc, findQuotations(doc), lexicon).find((a) => a.source?.text === 'he');
  t.is(doc.structure.byline?.text, 'By John Carter');
  t.is(he?.speaker ?? null, null);
});

test("posting a loss, the writer's own thoughts and an intention are not attributions", (t) => {
  t.deepEqual(
    attributionsOf('The department store chain posted $541 million loss in the third quarter.'),
    [],
  );
  t.deepEqual(attributionsOf('We thought we were safe when the water began to rise.'), []);
  t.false(
    attributionsOf('He and his wife had agreed to plead guilty in deals with prosecutors.').some(
      (a) => a.cue?.lemma === 'agree',
    ),
  );
});

test('the channel is apart from the source type: statement, interview, press conference, social media', (t) => {
  const [statement] = attributionsOf('Senator Dana Holt said in a statement that the vote was fair.');
  t.is(statement?.sourceType, 'official');
  t.is(statement?.channel?.kind, 'statement');
  const [interview] = attributionsOf('Professor Lena Ortiz told the BBC that the drought would last.');
  t.is(interview?.sourceType, 'expert');
  t.is(interview?.channel?.kind, 'interview');
  const [briefing] = attributionsOf('Police chief Tom Reyes told reporters that the road was closed.');
  t.is(briefing?.channel?.kind, 'press-conference');
  const [post] = attributionsOf('President Alma Varga wrote on Truth Social that the deal was done.');
  t.is(post?.sourceType, 'official');
  t.deepEqual(post?.channel, { kind: 'social-media', platform: 'Truth Social' });
});

// Source typing ------------------------------------------------------------------------------

test('titles and appositions type named sources; a company, a union, a coach and a resident are typed', (t) => {
  const typeOf = (text: string) => attributionsOf(text)[0]?.sourceType;
  t.is(typeOf('Lena Ortiz, a professor at Delmar University, said the drought would last.'), 'expert');
  t.is(typeOf('Tom Reyes, a spokesman for the Home Office, said the rules would change.'), 'official');
  t.is(typeOf('Anna Berg, chief executive of Velmora Foods, said sales had fallen.'), 'business');
  t.is(typeOf('Dave Prentis, general secretary of Unison, said pensions were at risk.'), 'civil-society');
  t.is(typeOf('Arsenal manager Arsene Wenger said his side had been unlucky.'), 'public-figure');
  t.is(typeOf('Mary Hill, a local resident, said the flood came at night.'), 'citizen');
  t.is(typeOf('The World Health Organization said the outbreak was contained.'), 'official');
});

test('a bank or a local outlet named like a state outlet is not state media', (t) => {
  const types = attributionsOf(
    'RBC Capital Markets said rates would rise. The Rossiya Bakery said bread would cost more. The Sun reported that the match was off.',
  ).map((a) => a.sourceType);
  t.false(types.includes('state-media'), JSON.stringify(types));
});

// Facts that disagree ------------------------------------------------------------------------

test('a $3.50 coffee and a $541 million loss are not the same quantity', (t) => {
  const a = summary('a', 'A cup of coffee at the Velmora store costs $3.50 this year.');
  const b = summary('b', 'The department store chain posted a $541 million loss this year.');
  t.deepEqual(
    findDiscrepancies(groupAll([a, b]).groups[0] as never, [a, b]).filter((d) => d.field === 'amount'),
    [],
  );
});

test('amounts of one quantity of one subject disagree; without a shared subject they do not', (t) => {
  const a = summary('a', 'Yukos faces a $27.5bn tax bill from the Russian authorities.');
  const b = summary('b', 'Yukos faces a $26bn tax bill, officials in Moscow said.');
  const c = summary('c', 'Exports of grain reached $26.9bn, the ministry said.');
  const found = findDiscrepancies(groupAll([a, b, c]).groups[0] as never, [a, b, c]).filter(
    (d) => d.field === 'amount',
  );
  t.is(found.length, 1);
  t.is(found[0]?.class, 'conflict');
  t.regex(found[0]?.subject ?? '', /yukos/);
  // Each word of the subject once, though "Yukos" is both the name and what is measured.
  const words = (found[0]?.subject ?? '').split(/[: ]+/);
  t.deepEqual(words, [...new Set(words)], found[0]?.subject);
  t.deepEqual(
    found[0]?.values.map((v) => v.mentions.map((m) => m.article)),
    [['b'], ['a']],
  );
});

test('two different figures of no named subject, neither in the sentence nor in the lead, do not conflict', (t) => {
  const a = summary('a', 'Trade reached $41bn in 2030, officials said.');
  const b = summary('b', 'Trade reached $39bn in 2030, the ministry said.');
  t.deepEqual(
    findDiscrepancies(groupAll([a, b]).groups[0] as never, [a, b]).filter((d) => d.field === 'amount'),
    [],
  );
  // The lead names the subject of a sentence that names none.
  const lead = 'President Alma Varga of Velmora met traders on Monday.\n';
  const c = summary('c', `${lead}Trade reached $41bn in 2030, officials said.`);
  const d = summary('d', `${lead}Trade reached $39bn in 2030, the ministry said.`);
  const found = findDiscrepancies(groupAll([c, d]).groups[0] as never, [c, d]).filter(
    (x) => x.field === 'amount',
  );
  t.deepEqual(
    found.map((x) => x.class),
    ['conflict'],
  );
});

test('a rate that differs is another moment: it lines up only when it agrees after rounding', (t) => {
  const a = summary('a', 'The Velmora central bank kept its interest rate at 4.75% this year.');
  const b = summary('b', 'The Velmora central bank raised its interest rate to 5.25% this year.');
  const c = summary('c', 'The Velmora central bank held its interest rate at 4.8% this year.');
  const d = summary('d', 'The Velmora central bank will raise its interest rate to 5% this year.');
  t.deepEqual(
    findDiscrepancies(groupAll([a, b]).groups[0] as never, [a, b]).filter((d) => d.field === 'amount'),
    [],
  );
  t.deepEqual(
    findDiscrepancies(groupAll([a, c]).groups[0] as never, [a, c])
      .filter((d) => d.field === 'amount')
      .map((d) => d.class),
    ['precision'],
  );
  // 4.75 rounds to 5, but a whole-number rate next to a quarter-point one is a rate after a move.
  t.deepEqual(
    findDiscrepancies(groupAll([a, d]).groups[0] as never, [a, d]).filter((x) => x.field === 'amount'),
    [],
  );
});

test('a year in a citation dates the source, not the amount: it is no scope', (t) => {
  const scopeOf = (text: string) => findAmounts(docOf(text))[0]?.scope;
  t.deepEqual(scopeOf('The accord sets up a fund of $4.2 billion (Northwire, 2031).'), []);
  t.deepEqual(scopeOf('The accord set up a fund of $4.2 billion in March 2031.'), ['2031', 'mar']);
});

test('articles published on different days do not conflict unless grouped as one event', (t) => {
  const dated = (id: string, text: string, date: string) =>
    summarizeForComparison(docOf(text, { date }, id), [], [], {}, { eventKinds });
  const a = dated('a', 'Yukos faces a $27.5bn tax bill from the Russian authorities.', '2030-03-01');
  const b = dated('b', 'Yukos faces a $26bn tax bill, officials in Moscow said.', '2030-03-04');
  const sameDay = dated('c', 'Yukos faces a $26bn tax bill, officials in Moscow said.', '2030-03-01');
  const amountsOf = (group: unknown, members: ArticleSummary[]) =>
    findDiscrepancies(group as never, members).filter((d) => d.field === 'amount');
  t.deepEqual(amountsOf(groupAll([a, b]).groups[0], [a, b]), []);
  t.is(amountsOf(groupAll([a, sameDay]).groups[0], [a, sameDay])[0]?.class, 'conflict');
  // A metadata column that names the event groups its articles whatever their days.
  const event = { id: 'yukos', members: [0, 1], method: 'column', cohesion: null };
  t.is(amountsOf(event, [a, b])[0]?.class, 'conflict');
});

test('spelling variants only between names, not common words or two first names', (t) => {
  const variants = (texts: string[]) => {
    const s = texts.map((x, i) => summary(String(i), x));
    return findDiscrepancies(groupAll(s).groups[0] as never, s)
      .filter((d) => d.class === 'spelling-variant')
      .map((d) => d.values.map((v) => v.value).sort());
  };
  t.deepEqual(
    variants(['President Jair Bolsonaro spoke on Monday.', 'President Jair Bolsanaro spoke on Monday.']),
    [['bolsanaro', 'bolsonaro']],
  );
  t.deepEqual(variants(['Minister Laura Keane spoke.', 'Minister Larry Keane spoke.']), []);
  t.deepEqual(variants(['Governor April Stone spoke.', 'Governor Abriel Stone spoke.']), []);
  // Two clerics with one title share no name part: the title is not part of the name.
  t.deepEqual(
    variants(['Supreme Leader Ayatollah Ali Khamenei and Ayatollah Ruhollah Khomenei were named.']),
    [],
  );
  // A first name alone after a title is a name cut short, not a surname shared with the other person.
  t.deepEqual(variants(['Minister Steven Miles spoke.', 'Minister Stephen spoke.']), []);
  // After an honorific a lone word is a surname; first names spelled alike agree.
  t.deepEqual(variants(['Mr Tracey spoke on Monday.', 'Mr Treacy spoke on Monday.']), [['tracey', 'treacy']]);
  t.deepEqual(variants(['Mr Frederick Forsyth spoke.', 'Mr Frederic Forsythe spoke.']), [
    ['forsyth', 'forsythe'],
  ]);
});

test('a spelling-variant row lists the mentions written as one name with the other spelling', (t) => {
  const s = [
    summary('0', 'Secretary António Guterres spoke on Monday.'),
    summary('1', 'Prime Minister Antonio Costa spoke. Later, Secretary Antonio Guterres spoke.'),
  ];
  const row = findDiscrepancies(groupAll(s).groups[0] as never, s).find(
    (d) => d.class === 'spelling-variant',
  );
  const antonio = row?.values.find((v) => v.value === 'antonio');
  t.is(antonio?.mentions.length, 1);
  t.regex(
    antonio?.mentions[0]?.sentence.text ?? '',
    /Guterres/,
    'not the first "Antonio", who is Antonio Costa',
  );
});

// Metadata wins over guessing ----------------------------------------------------------------

test('title, byline and date columns are used as given, matched case-insensitively with synonyms', (t) => {
  t.deepEqual(givenValue({ Headline: 'Floods in Velmora', id: '1' }, 'title'), {
    value: 'Floods in Velmora',
    column: 'Headline',
  });
  t.deepEqual(givenValue({ Author: 'Jane Doe' }, 'byline'), { value: 'Jane Doe', column: 'Author' });
  t.deepEqual(givenValue({ published: '2026-02-04' }, 'date'), { value: '2026-02-04', column: 'published' });
  const r = analyzer.analyzeText(
    'JANE DOE, VELMORA TIMES\n\nThe river rose on Monday and flooded the old town, the mayor said.',
    { headline: 'Floods in Velmora', author: 'Jane Doe', published: '2026-02-04' },
  );
  t.deepEqual(r.found?.title, { value: 'Floods in Velmora', from: 'metadata:headline' });
  t.is(r.structure.title, null, 'no line is guessed to be the title when the metadata gives one');
  t.deepEqual(r.found?.byline, { value: 'Jane Doe', from: 'metadata:author' });
  t.is(r.structure.byline?.text, 'JANE DOE, VELMORA TIMES');
  t.deepEqual(r.found?.date, { value: '2026-02-04', from: 'metadata:published' });
  t.is(r.dateFound, '2026-02-04');
});

test('a CSV title column is the title, not the first line of the text', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'framescope-title-'));
  const file = join(dir, 'corpus.csv');
  writeFileSync(
    file,
    'id,title,text\na1,Harbour reopens,"By Tom Reyes\nThe harbour of Velmora reopened on Tuesday, officials said."\n',
  );
  const results = [];
  for await (const item of analyzeCorpus(file, { analyzer }))
    if (item.kind === 'result') results.push(item.result);
  t.is(results[0]?.found?.title?.value, 'Harbour reopens');
  t.is(results[0]?.found?.title?.from, 'metadata:title');
  t.is(results[0]?.structure.byline?.text, 'By Tom Reyes');
});

test('a date found in the text is a calendar date; relative dates need the publication date', (t) => {
  const ref = new Date('2026-02-04T00:00:00Z'); // a Wednesday
  t.is(calendarDateIn('February 4, 2026', null), '2026-02-04');
  t.is(calendarDateIn('on Monday', ref), '2026-02-02');
  t.is(calendarDateIn('yesterday', ref), '2026-02-03');
  t.is(calendarDateIn('Feb. 1', ref), '2026-02-01');
  t.is(calendarDateIn('on Monday', null), null);
  t.is(calendarDateIn('in 1968', ref), null);
  t.is(calendarDateIn('next year', ref), null);
  t.is(calendarDateIn('eight weeks ago', ref), null);
});

// Furniture ---------------------------------------------------------------------------------

test('promo, share and newsletter lines and photo credits are furniture, not scored text', (t) => {
  const doc = docOf(
    [
      'Harbour reopens after four years',
      'The harbour of Velmora reopened on Tuesday after four years of work on its northern channel.',
      'Also on example.com Retweet this story about the harbour',
      'Read more',
      'Follow us on Twitter',
      'Sign up for our daily newsletter',
      'Photograph: Dave Hunt/Agency',
      'Fishermen said the dredging had muddied the water near their moorings for months.',
    ].join('\n'),
  );
  const kinds = doc.structure.furniture.map((f) => f.kind);
  t.deepEqual(kinds, ['promo', 'promo', 'promo', 'promo', 'caption']);
  const promo = doc.structure.furniture[0];
  const k = doc.tokens.start.findIndex((s) => s >= (promo?.start ?? 0));
  t.is(doc.tokens.scored[k], 0);
});

test('a cookie or consent page is skipped as not an article, with the reason', async (t) => {
  const page =
    'We value your privacy. We and our partners use cookies and similar tracking technologies to store and access personal data on your device. Accept all or manage preferences. You can change your choices at any time in the privacy settings.';
  t.regex(notAnArticleReason(page) ?? '', /cookie or consent page/);
  t.is(
    notAnArticleReason('The harbour reopened on Tuesday, officials said. Cookies were served at the party.'),
    null,
  );
  const dir = mkdtempSync(join(tmpdir(), 'framescope-consent-'));
  writeFileSync(join(dir, 'consent.txt'), page);
  writeFileSync(
    join(dir, 'story.txt'),
    'The harbour of Velmora reopened on Tuesday after four years of work.',
  );
  const items = [];
  for await (const item of analyzeCorpus(dir, { analyzer })) items.push(item);
  const skipped = items.find((i) => i.kind === 'skipped');
  t.is(skipped?.kind === 'skipped' ? skipped.skipped.code : null, 'input/not-an-article');
  t.is(items.filter((i) => i.kind === 'result').length, 1);
});

test("a Q&A interview: the interviewee's answers are the quoted voice, not the outlet's", (t) => {
  const r = analyzer.analyzeText(
    [
      'Minister Sergei Volkov on the harbour deal',
      'Minister Sergei Volkov spoke to us about the new harbour.',
      'Q: Is the deal a disaster for the fishermen?',
      'A: It is a shameful lie that the deal hurts them. The dredging is a triumph.',
      'Q: What comes next?',
      'A: We will build a second terminal next year.',
    ].join('\n'),
  );
  const answers = r.attributions.filter((a) => a.channel?.kind === 'interview');
  t.is(answers.length, 2);
  t.true(answers.every((a) => a.speaker === 'Sergei Volkov' && a.kind === 'direct'));
  const inAnswers = r.matches.filter((m) =>
    answers.some((a) => a.content && a.content.start <= m.start && m.end <= a.content.end),
  );
  t.true(inAnswers.length > 0);
  t.true(inAnswers.every((m) => m.voice === 'quoted'));
  t.deepEqual(
    r.structure.body.filter((p) => p.kind === 'question' || p.kind === 'answer').map((p) => p.kind),
    ['question', 'answer', 'question', 'answer'],
  );
});
