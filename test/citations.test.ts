import test from 'ava';
import { findAttributions, loadSourceLexicon } from '../src/attribution/index.ts';
import { CITATION_METRICS, citationFigures } from '../src/figures/citations.ts';
import { readDocument } from '../src/text/document.ts';
import { findQuotations } from '../src/text/quotes.ts';

const lexicon = loadSourceLexicon();
function figuresOf(text: string) {
  const doc = readDocument({ id: 't', text, metadata: {}, source: { file: 't.txt', format: 'txt' } });
  const quotations = findQuotations(doc);
  return citationFigures(doc, findAttributions(doc, quotations, lexicon), quotations);
}

test('citation figures of an invented article', (t) => {
  const f = figuresOf(
    [
      'The harbour reopened on Monday after the storm had passed over the coast.',
      '“We are ready for the first ships,” Mayor Ana Lopez said at the quay.',
      'The state news agency Xinhua reported that cargo traffic would resume within days.',
      'As analysts noted, insurers claimed that the damage was modest.',
    ].join('\n'),
  );
  t.is(f.n_attributions, 4);
  t.is(f.share_direct, 1 / 4);
  t.is(f.share_source_state_media, 1 / 4);
  t.is(f.state_media_disclosure_rate, 1);
  t.is(f.share_vague, 1 / 4);
  t.is(f.n_named_sources, 2);
  t.is(f.share_loaded_cue, 1 / 4);
  t.true((f.share_quoted_text ?? 0) > 0.05 && (f.share_quoted_text ?? 1) < 0.3);
});

test('ratios are null without a denominator, and every figure has a definition', (t) => {
  const f = figuresOf('The harbour reopened on Monday after the storm had passed over the coast.');
  t.is(f.n_attributions, 0);
  t.is(f.share_direct, null);
  t.is(f.state_media_disclosure_rate, null);
  t.deepEqual(Object.keys(f).sort(), CITATION_METRICS.map((m) => m.name).sort());
});
