import type { Cell } from './format.ts';
import { escapeMarkdownText, markdownTable } from './markdown.ts';
import type { RunData } from './runData.ts';

/** A section of `report.md`, written by the stage that owns the figures it shows. */
export interface ReportSection {
  readonly title: string;
  readonly body: string;
}

function counts(data: RunData): string {
  const bySeverity = { error: 0, warning: 0, info: 0 };
  for (const i of data.issues) bySeverity[i.severity]++;
  const words = data.results.reduce((a, r) => a + r.wordCount, 0);
  const tokens = data.results.reduce((a, r) => a + r.tokenCount, 0);
  return [
    `- Articles analysed: ${data.results.length}`,
    `- Inputs skipped: ${data.skipped.length}`,
    `- Tokens read: ${tokens}; scored words (furniture, bylines, date lines and reference lists excluded): ${words}`,
    `- Problems listed in \`issues.csv\`: ${bySeverity.error} errors, ${bySeverity.warning} warnings, ${bySeverity.info} notes`,
  ].join('\n');
}

function skippedSection(data: RunData): string {
  if (data.skipped.length === 0) return 'No input was skipped.';
  return markdownTable(
    ['input', 'file', 'line', 'why'],
    data.skipped.map((s) => [s.id, s.file, s.line ?? null, `${s.code}: ${s.reason}`] as Cell[]),
  );
}

function articlesSection(data: RunData): string {
  if (data.results.length === 0) return 'No article was analysed.';
  const rows = data.results.map(
    (r) =>
      [
        r.article.id,
        r.article.metadata['outlet'] ?? '',
        r.structure.title?.text ?? '(no title line)',
        r.structure.byline?.text ?? '',
        r.dateFound ?? '',
        r.wordCount,
        r.sentenceCount,
        r.structure.furniture.length,
      ] as Cell[],
  );
  return markdownTable(
    ['article', 'outlet', 'title', 'byline', 'date found', 'words', 'sentences', 'furniture lines'],
    rows,
    new Set([5, 6, 7]),
  );
}

function furnitureSection(data: RunData): string {
  const lines: string[] = [];
  for (const r of data.results) {
    if (r.structure.furniture.length === 0) continue;
    lines.push(`**${escapeMarkdownText(r.article.id)}**`, '');
    for (const f of r.structure.furniture) {
      const text = f.text.length > 90 ? `${f.text.slice(0, 87)}...` : f.text;
      lines.push(`- line ${f.line}, ${f.kind}: "${escapeMarkdownText(text)}" (${f.reason})`);
    }
    lines.push('');
  }
  return lines.length === 0 ? 'No page furniture was found.' : lines.join('\n').trimEnd();
}

/** `report.md`: what was read, what was skipped and why, the articles, then the stages' sections. */
export function reportMarkdown(data: RunData, sections: readonly ReportSection[] = []): string {
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
