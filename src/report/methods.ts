import type { MetricDefinition } from '../types.ts';
import { escapeMarkdownText, markdownCode, markdownTable } from './markdown.ts';

/**
 * The methods section of `report.md`: enough for a reader to reproduce every figure by hand from
 * `matches.csv` and `attributions.csv`, and to name exactly what produced it (lexicon packs with
 * versions and content hashes, formulas, options, tool version), with the known limitations.
 */

export interface MethodsPack {
  readonly name: string;
  readonly version: string;
  /** SHA-256 of the pack's content, as in `manifest.json`. */
  readonly sha256: string;
  readonly entries: number;
  readonly kind?: string;
}

export interface MethodsInput {
  readonly packs: readonly MethodsPack[];
  readonly metrics: readonly MetricDefinition[];
  readonly settings: Readonly<Record<string, string>>;
  readonly toolVersion: string;
  readonly limitations: readonly string[];
  /** CSV cells the run neutralised as possible formulas, when it counted them. */
  readonly neutralisedCells?: number;
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function methodsSection(input: MethodsInput): string {
  const lines: string[] = [];
  lines.push(
    `Produced by framescope ${escapeMarkdownText(input.toolVersion)}.`,
    'Every figure is computed per article from the rows of `matches.csv` (lexicon hits) and',
    '`attributions.csv` (cited sources); rates are per 1,000 scored words (`word_count`: word and',
    'number tokens outside page furniture, bylines, date lines and reference lists).',
    '',
    '### Lexicon packs',
    '',
  );
  if (input.packs.length === 0) lines.push('No lexicon pack was used.');
  else
    lines.push(
      markdownTable(
        ['pack', 'kind', 'version', 'entries', 'SHA-256 of the pack'],
        [...input.packs].sort(byName).map((p) => [p.name, p.kind ?? '', p.version, p.entries, p.sha256]),
        new Set([3]),
      ),
    );
  lines.push('', '### Figures and their formulas', '');
  if (input.metrics.length === 0) lines.push('No figure was computed.');
  else
    for (const m of input.metrics)
      lines.push(
        `- **${escapeMarkdownText(m.name)}**: ${escapeMarkdownText(m.description)} ${markdownCode(m.formula)}`,
      );
  lines.push('', '### Options of the run', '');
  const options = Object.keys(input.settings).sort();
  if (options.length === 0) lines.push('No option was recorded.');
  else
    lines.push(
      markdownTable(
        ['option', 'value'],
        options.map((k) => [k, input.settings[k] === '' ? '(not set)' : (input.settings[k] ?? '')]),
      ),
    );
  if (input.neutralisedCells !== undefined) {
    lines.push('', '### CSV cells', '');
    lines.push(
      input.settings['raw-csv'] === 'true'
        ? 'Text cells of the CSV files are written as they are (`--raw-csv`): a spreadsheet may run those that start with `=`, `+`, `-` or `@` as formulas.'
        : `${input.neutralisedCells} text ${input.neutralisedCells === 1 ? 'cell' : 'cells'} of the CSV files that a spreadsheet could run as a formula (starting with \`=\`, \`+\`, \`-\` or \`@\`, after white space too, or their full-width forms; numbers and plain text after a sign excepted) ${input.neutralisedCells === 1 ? 'starts' : 'start'} with an added \`'\`; \`--raw-csv\` writes them as they are. Control characters are left out of every CSV, Markdown and LaTeX file.`,
    );
  }
  lines.push('', '### Known limitations', '');
  if (input.limitations.length === 0) lines.push('None recorded.');
  else for (const l of input.limitations) lines.push(`- ${escapeMarkdownText(l)}`);
  return `${lines.join('\n')}\n`;
}

/** Limitations that hold for every run; stages add their own. */
export const STANDARD_LIMITATIONS: readonly string[] = [
  'Lexicon matching counts words and phrases; it does not understand irony, or a phrase quoted in order to reject it beyond the negation cues listed in the packs.',
  'Voice (authorial, quoted, attributed) depends on the quotation and attribution stages; unclosed or unusual quotation marks are closed at the paragraph end.',
  'Page structure (furniture, bylines, reference lists) is found by rules on lines; furniture that reads like prose is scored.',
  'wink-nlp sentence splitting, part of speech and lemmas come from a small English model; other languages are not supported.',
];
