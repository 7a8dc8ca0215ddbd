import test from 'ava';
import { findAttributions, loadSourceLexicon } from '../src/attribution/index.ts';
import { readDocument } from '../src/text/document.ts';
import { findQuotations } from '../src/text/quotes.ts';
import type { Attribution } from '../src/types.ts';

// Invented texts, one per rule on who speaks: transcripts under capitalised labels, appositions
// after a bracket or two deep, first names tagged as verbs, places led by a first name, things
// that "underscore".
const lexicon = loadSourceLexicon();
function attributionsOf(text: string): Attribution[] {
  const doc = readDocument({ id: 't', text, metadata: {}, source: { file: 't.txt', format: 'txt' } });
  return findAttributions(doc, findQuotations(doc), lexicon);
}
const speakerOf = (as: readonly Attribution[], words: string) =>
  as.find((a) => a.content?.text.includes(words))?.speaker;

test('a reprinted TV transcript: each capitalised label speaks its line, a line without one continues the answer', (t) => {
  const as = attributionsOf(
    [
      'Governor Dale Orsino spoke to host Maria Kwan on Sunday about the harbour vote.',
      '',
      'Partial transcript as follows:',
      '',
      '"KWAN: Let us start with the vote. Why did you oppose the harbour bill?',
      '',
      '"ORSINO: Well, look, the bill costs too much. The people of this state deserve better.',
      '',
      '"(CROSSTALK.)',
      '',
      '"KWAN: Will you veto it if it passes again?',
      '',
      '"ORSINO: I will veto it the day it reaches my desk.',
      '',
      '"And the voters will thank us for it in November.',
    ].join('\n'),
  );
  t.is(speakerOf(as, 'Why did you oppose'), 'Maria Kwan');
  t.is(speakerOf(as, 'Will you veto it'), 'Maria Kwan');
  t.is(speakerOf(as, 'the bill costs too much'), 'Dale Orsino');
  t.is(speakerOf(as, 'the day it reaches my desk'), 'Dale Orsino');
  t.is(speakerOf(as, 'the voters will thank us'), 'Dale Orsino');
  // The label is the source as written; a stage direction is no one's words.
  t.is(as.find((a) => a.content?.text.includes('the day it reaches'))?.source?.text, 'ORSINO');
  t.false(as.some((a) => a.content?.text.includes('CROSSTALK')));
});

test('a name, a bracket and an apposition before the cue: the name speaks', (t) => {
  const as = attributionsOf(
    'The panel met on Monday.\n\n“If the agency wanted the files, it would just take them,” Rep. Tom Harlan (R-Ohio), a member of the panel, said in a phone interview.',
  );
  t.is(speakerOf(as, 'wanted the files'), 'Tom Harlan');
});

test('a name followed by two appositions before the cue: the name speaks, not the place in the first', (t) => {
  const as = attributionsOf(
    'The rule is the main tool.\n\n“It is an invasion of the state’s domain,” Scott Pruett, the attorney general of Oklahoma, one of the states suing the agency, said.',
  );
  t.is(speakerOf(as, 'an invasion'), 'Scott Pruett');
});

test('a first name that the tagger reads as a verb ("Don") is part of the speaker’s name', (t) => {
  const as = attributionsOf(
    'The party needs a plan.\n\n“Now is the time to act,” said Don Fowley, a former party chairman.\n\nFowley said he expects the candidate to recover.',
  );
  t.is(speakerOf(as, 'Now is the time'), 'Don Fowley');
  // "he" refers to the person just named as speaker, not to a name elsewhere.
  t.is(as.find((a) => a.source?.text === 'he')?.speaker, 'Don Fowley');
});

test('a place led by a first name ("Kent County Republican headquarters") is no one a pronoun can be', (t) => {
  const as = attributionsOf(
    [
      'Donald Trump says he has big plans for the final month.',
      '',
      'The Republican presidential nominee noted Friday that his campaign has not spent much on ads. He said he raised $18 million for the party.',
      '',
      'Trump made the comments during an appearance at the Kent County Republican headquarters.',
    ].join('\n'),
  );
  t.false(as.some((a) => a.speaker === 'Kent County Republican'));
  t.is(speakerOf(as, 'raised $18 million'), 'Donald Trump');
});

test('"it underscores" is a thing showing something, not a source speaking', (t) => {
  const as = attributionsOf(
    'North Korea tested a warhead on Friday. Experts say it underscores the regime’s determination to build more.',
  );
  t.false(as.some((a) => a.source?.text === 'it'));
  t.is(as.find((a) => a.cue?.lemma === 'say')?.source?.text, 'Experts');
});

test('the noun before an infinitive cue is no source: "called Alicia Mendes to express gratitude"', (t) => {
  const as = attributionsOf(
    'Clinton spokesman Nick Merrill says that Hillary Clinton called Alicia Mendes on Friday to express gratitude to the former Miss Universe.',
  );
  t.false(as.some((a) => a.source?.text === 'Alicia Mendes'));
  t.is(as.find((a) => a.cue?.lemma === 'say')?.speaker, 'Nick Merrill');
});

test('the subject of a passive cue is what was told, not who told it', (t) => {
  const as = attributionsOf(
    'However, a different side of the tax story was being told by The Daily Courier, which found a 1995 story.',
  );
  t.false(as.some((a) => a.source?.text.includes('tax story')));
});

test('a written text as the source ("a series of tweets") speaks for the subject who wrote it', (t) => {
  const as = attributionsOf(
    'Donald Trump is doubling down.\n\nTrump unleashed a series of tweets early Friday saying that his rival had shown bad judgment.',
  );
  const saying = as.find((a) => a.cue?.lemma === 'say');
  t.is(saying?.source?.text, 'a series of tweets');
  t.is(saying?.speaker, 'Donald Trump');
  // A text that is the subject has no author in its sentence.
  const [report] = attributionsOf('The statement said that the talks had failed.');
  t.is(report?.speaker, null);
});
