import type { Cell } from './format.ts';
import { escapeMarkdownText, markdownCode, markdownTable, markdownTableLines } from './markdown.ts';
import type { RunOverview } from './runData.ts';
import { trimmedEnd } from './streamText.ts';

/**
 * A section of `report.md`, written by the stage that owns the figures it shows. Its body is
 * text, or the parts of a long text (joined by '\n'), made as the report is written.
 */
export interface ReportSection {
  readonly title: string;
  readonly body: string | (() => Iterable<string>);
}

function counts(data: RunOverview): string {
  const bySeverity = data.issueCounts;
  return [
    `- Articles analysed: ${data.records.length}`,
    `- Inputs skipped: ${data.skipped.length}`,
    `- Tokens read: ${data.corpus.tokens}; scored words (furniture, bylines, date lines and reference lists excluded): ${data.corpus.words}`,
    `- Problems listed in \`issues.csv\`: ${bySeverity.error} errors, ${bySeverity.warning} warnings, ${bySeverity.info} notes`,
  ].join('\n');
}

function skippedSection(data: RunOverview): string {
  if (data.skipped.length === 0) return 'No input was skipped.';
  return markdownTable(
    ['input', 'file', 'line', 'why'],
    data.skipped.map((s) => [s.id, s.file, s.line ?? null, `${s.code}: ${s.reason}`] as Cell[]),
  );
}

function* articlesSection(data: RunOverview): Generator<string> {
  if (data.records.length === 0) {
    yield 'No article was analysed.';
    return;
  }
  const rows = (function* () {
    for (const r of data.records)
      yield [
        r.id,
        r.metadata['outlet'] ?? '',
        r.title ?? '(no title line)',
        r.byline ?? '',
        r.dateFound ?? '',
        r.wordCount,
        r.sentenceCount,
        r.furnitureCount,
      ] as Cell[];
  })();
  yield* markdownTableLines(
    ['article', 'outlet', 'title', 'byline', 'date found', 'words', 'sentences', 'furniture lines'],
    rows,
    new Set([5, 6, 7]),
  );
}

function* furnitureSection(data: RunOverview): Generator<string> {
  let any = false;
  for (const r of data.records) {
    if (r.furnitureLines === null) continue;
    any = true;
    yield `**${escapeMarkdownText(r.id)}**`;
    yield '';
    yield r.furnitureLines;
    yield '';
  }
  if (!any) yield 'No page furniture was found.';
}

/**
 * The parts of `report.md`, to be joined by '\n', made one at a time as they are written: what was
 * read, what was skipped and why, the articles, then the stages' sections.
 */
export function* reportMarkdownParts(
  data: RunOverview,
  sections: readonly ReportSection[] = [],
): Generator<string> {
  yield* [
    '# framescope report',
    '',
    `framescope ${escapeMarkdownText(data.toolVersion)}. Input: ${markdownCode(data.settings['input'] ?? '')}.`,
    '',
    '## What was analysed',
    '',
    counts(data),
    '',
    '### Skipped inputs',
    '',
    skippedSection(data),
    '',
    '## Articles',
    '',
  ];
  yield* articlesSection(data);
  yield* ['', '### Page furniture (excluded from scoring)', ''];
  yield* trimmedEnd(furnitureSection(data));
  yield '';
  for (const s of sections) {
    yield `## ${s.title}`;
    yield '';
    yield* trimmedEnd(typeof s.body === 'string' ? [s.body] : s.body());
    yield '';
  }
}
