import { markdownTable } from './markdown.ts';
import type { RunData } from './runData.ts';

/** What a reader should know before trusting a figure. */
export const KNOWN_LIMITATIONS: readonly string[] = [
  'Lexicon scores count listed phrases; they do not read meaning. A phrase used ironically or in negation counts (negated hits are flagged, not removed).',
  "Voice is assigned from quotation marks and report cues: a paraphrase without a cue is counted as the author's own voice.",
  "Page structure is found by line-level rules; a furniture line that looks like body text is scored (every line's class is listed in structure.csv).",
  'Speakers are resolved by names with titles and pronouns to the last named speaker; wink-nlp has no person tagger.',
  'Facts are aligned by heuristics (the event date is the first dated event sentence); check discrepancies against their sentences.',
];

/**
 * The methods section of `report.md`: the lexicon packs (version and content hash), every
 * formula, the options of the run, the tool version and the known limitations, so that a reader
 * can reproduce every number from matches.csv and attributions.csv.
 */
export function methodsMarkdown(data: RunData): string {
  const out: string[] = [];
  out.push(`framescope ${data.toolVersion}, Node.js ${process.version}.`, '');
  out.push('### Options of the run', '');
  out.push(
    markdownTable(
      ['option', 'value'],
      Object.entries(data.settings).sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
    '',
  );
  out.push('### Lexicon packs', '');
  out.push(
    data.packs.length === 0
      ? 'No lexicon pack was used.'
      : markdownTable(
          ['pack', 'kind', 'version', 'entries', 'sha256 (first 16)', 'licence'],
          data.packs.map((p) => [p.pack, p.kind, p.version, p.entries, p.sha256.slice(0, 16), p.licence]),
          new Set([3]),
        ),
    '',
  );
  out.push('### Formulas', '');
  out.push(
    'A rate is `1000 * hits / word_count`, where `word_count` counts word and number tokens outside furniture, bylines, date lines and reference lists. Counts are rows of `matches.csv` (framing) and `attributions.csv` (sources) for the article; `_authorial` figures count only rows whose `voice` is `authorial`.',
    '',
  );
  const present = new Set(data.results.flatMap((r) => Object.keys(r.figures)));
  const defs = data.metrics.filter((m) => present.has(m.name));
  out.push(
    markdownTable(
      ['figure', 'what', 'formula'],
      defs.map((m) => [m.name, m.description, m.formula]),
    ),
    '',
  );
  out.push('### Known limitations', '', ...KNOWN_LIMITATIONS.map((l) => `- ${l}`));
  return out.join('\n');
}
