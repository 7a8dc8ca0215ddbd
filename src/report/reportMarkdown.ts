import type { Cell } from './format.ts';
import { escapeMarkdownText, markdownTable } from './markdown.ts';
import type { RunOverview } from './runData.ts';

/** A section of `report.md`, written by the stage that owns the figures it shows. */
export interface ReportSection {
  readonly title: string;
  readonly body: string;
}

function counts(data: RunOverview): string {
  const bySeverity = { error: 0, warning: 0, info: 0 };
  for (const i of data.issues) bySeverity[i.severity]++;
  const words = data.records.reduce((a, r) => a + r.wordCount, 0);
  const tokens = data.records.reduce((a, r) => a + r.tokenCount, 0);
  return [
    `- Articles analysed: ${data.records.length}`,
    `- Inputs skipped: ${data.skipped.length}`,
    `- Tokens read: ${tokens}; scored words (furniture, bylines, date lines and reference lists excluded): ${words}`,
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

function articlesSection(data: RunOverview): string {
  if (data.records.length === 0) return 'No article was analysed.';
  const rows = data.records.map(
    (r) =>
      [
        r.id,
        r.metadata['outlet'] ?? '',
        r.title ?? '(no title line)',
        r.byline ?? '',
        r.dateFound ?? '',
        r.wordCount,
        r.sentenceCount,
        r.furnitureCount,
      ] as Cell[],
  );
  return markdownTable(
    ['article', 'outlet', 'title', 'byline', 'date found', 'words', 'sentences', 'furniture lines'],
    rows,
    new Set([5, 6, 7]),
  );
}

function furnitureSection(data: RunOverview): string {
  const lines: string[] = [];
  for (const r of data.records) {
    if (r.furnitureLines === null) continue;
    lines.push(`**${escapeMarkdownText(r.id)}**`, '', r.furnitureLines, '');
  }
  return lines.length === 0 ? 'No page furniture was found.' : lines.join('\n').trimEnd();
}

/** `report.md`: what was read, what was skipped and why, the articles, then the stages' sections. */
export function reportMarkdown(data: RunOverview, sections: readonly ReportSection[] = []): string {
  const parts = [
    '# framescope report',
    '',
    `framescope ${data.toolVersion}. Input: \`${data.settings['input'] ?? ''}\`.`,
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
    articlesSection(data),
    '',
    '### Page furniture (excluded from scoring)',
    '',
    furnitureSection(data),
    '',
  ];
  for (const s of sections) parts.push(`## ${s.title}`, '', s.body.trimEnd(), '');
  return parts.join('\n');
}
