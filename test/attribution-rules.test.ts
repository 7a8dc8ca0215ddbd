import test from 'ava';
import { findAttributions, loadSourceLexicon } from '../src/attribution/index.ts';
import { readDocument } from '../src/text/document.ts';
import { findQuotations } from '../src/text/quotes.ts';
import type { Attribution } from '../src/types.ts';

// Invented sentences, one per rule added to the speech patterns and speaker resolution.
const lexicon = loadSourceLexicon();
function attributionsOf(text: string): Attribution[] {
  const doc = readDocument({ id: 't', text, metadata: {}, source: { file: 't.txt', format: 'txt' } });
  return findAttributions(doc, findQuotations(doc), lexicon);
}

test('a quotation that closed the previous sentence is not the next cue’s content', (t) => {
  const as = attributionsOf(
    'The mayor spoke at noon. “We will rebuild.” Lopez said the bridge would reopen in May.',
  );
  const said = as.find((a) => a.cue?.lemma === 'say');
  t.is(said?.kind, 'indirect');
  t.is(said?.content?.text, 'the bridge would reopen in May');
  t.is(said?.speaker, 'Lopez');
});

test('a comma between the cue and a quotation leads into the quotation, across its sentences', (t) => {
  const [a] = attributionsOf(
    'Harbour master Ines Varga said, “The tide is late. We wait for it, as we always have.”',
  );
  t.is(a?.kind, 'direct');
  t.is(a?.content?.text, 'The tide is late. We wait for it, as we always have.');
});

test('an interrupted quotation gives two parts with the same cue', (t) => {
  const as = attributionsOf('“The ferry is safe,” Mayor Olu Bade said, “and it leaves on time.”');
  const parts = as.filter((a) => a.cue?.lemma === 'say');
  t.deepEqual(
    parts.map((a) => a.content?.text),
    ['The ferry is safe,', 'and it leaves on time.'],
  );
  t.is(parts[0]?.cue?.start, parts[1]?.cue?.start);
  t.true(parts.every((a) => a.speaker === 'Olu Bade'));
});

test('the inverted form also takes the quotation after it', (t) => {
  const as = attributionsOf('“The ferry is safe,” said Mayor Olu Bade, “and it leaves on time.”');
  t.deepEqual(
    as.filter((a) => a.cue?.lemma === 'say').map((a) => a.content?.text),
    ['The ferry is safe,', 'and it leaves on time.'],
  );
});

test('a source whose words hold a comma still takes the opening quotation, not the circumstance', (t) => {
  const [a] = attributionsOf(
    '“The nets came back empty,” the tired, 60-year-old fisherman said in an interview on Monday.',
  );
  t.is(a?.kind, 'direct');
  t.is(a?.content?.text, 'The nets came back empty,');
});

test('a clause before the source wins over an object after the cue that is no clause', (t) => {
  const [a] = attributionsOf('The union will sit out the vote, organiser Pia Lind told reporters on Friday.');
  t.is(a?.cue?.lemma, 'tell');
  t.is(a?.content?.text, 'The union will sit out the vote');
  t.is(a?.speaker, 'Pia Lind');
});

test('a bracket after a name belongs to the source', (t) => {
  const [a] = attributionsOf('Sen. Ada Okafor (D-Ore.) said the budget would pass by June.');
  t.is(a?.cue?.lemma, 'say');
  t.is(a?.source?.text, 'Sen. Ada Okafor (D-Ore.)');
  t.is(a?.content?.text, 'the budget would pass by June');
});

test('a continued quotation speaks with the voice resolved for the statement it continues', (t) => {
  const as = attributionsOf(
    'Governor Rafa Moreno visited the dam. “The wall is sound,” he said. “We checked every metre of it twice.”',
  );
  const continued = as.find((a) => a.cue === null && a.kind === 'direct');
  t.is(continued?.content?.text, 'We checked every metre of it twice.');
  t.is(continued?.speaker, 'Rafa Moreno');
  t.is(continued?.resolution, 'pronoun');
});

test('a pronoun reaches back past sentences without a speaker to the single nearest one', (t) => {
  const as = attributionsOf(
    [
      'Professor Lea Brandt said the tunnel was finished.',
      'The city opened it on Monday.',
      'Traffic was light in the morning.',
      '“It is the longest in the region,” she said.',
    ].join('\n\n'),
  );
  const she = as.find((a) => a.source?.text === 'she');
  t.is(she?.speaker, 'Lea Brandt');
  t.is(she?.resolution, 'pronoun');
});

test('a pronoun takes the person a sentence opens with when no speaker is nearer', (t) => {
  const as = attributionsOf('Mayor Ana Lopez criticised the plan in May. “It costs too much,” she said.');
  const she = as.find((a) => a.source?.text === 'she');
  t.is(she?.speaker, 'Ana Lopez');
});

test('a pronoun takes the speaker of its gender in the nearest sentence, the first when several fit', (t) => {
  const he = attributionsOf(
    'Ana Lopez said the plan was late, and Tom Reyes said it was early. “It is fine,” he said.',
  ).find((a) => a.source?.text === 'he');
  t.is(he?.resolution, 'pronoun');
  t.is(he?.speaker, 'Tom Reyes');
  const first = attributionsOf(
    'Tom Reyes said the plan was late, and Mark Hill said it was early. “It is fine,” he said.',
  ).find((a) => a.source?.text === 'he');
  t.is(first?.speaker, 'Tom Reyes');
});
