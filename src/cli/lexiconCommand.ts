import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { indexDeclarationIssues } from '../figures/indexes.ts';
import {
  BUILTIN_LEXICON_DIR,
  type Pack,
  checkPacks,
  formatIssue,
  loadPacks,
  sortIssues,
} from '../lexicon/index.ts';
import { compareText } from '../order.ts';
import { EXPORT_FORMATS, type ExportFormat, exportPacks } from '../report/lexiconExport.ts';

interface LexiconIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

export const LEXICON_HELP = `framescope lexicon check|list|export|mine|validate ...

  check [packs...]          report every fault as file:line: code: message (fix: hint); exit 1 on an error
  list [packs...]           entries and categories as a table
  export --format F [packs...]
                            write the packs as F: csv (one row per pattern), liwc (.dic), quanteda (YAML),
                            tidytext (CSV word,category), nltk (pattern<TAB>category lines)
  mine <input> --target col=value | mine <target-input> <reference-input>
                            candidate entries: n-grams a target corpus over-uses (G2, log ratio),
                            dispersed, names and topic nouns left out, with concordance lines
  validate [packs...] --corpus <input> --labels <labels.csv>
                            each entry's hits per class, precision and lift, and the packs' ROC-AUC
                            with a bootstrap interval and split-half figures

Packs are YAML packs, LIWC .dic, quanteda YAML or CSV files, or folders of them. Without packs, the
built-in packs in lexicons/ (and lexicons/sources/) are used.
`;

/** Every built-in pack file, sources and facts packs included, so that check sees them all. */
function builtinPaths(): string[] {
  const sources = join(BUILTIN_LEXICON_DIR, 'sources');
  return existsSync(sources) ? [BUILTIN_LEXICON_DIR, sources] : [BUILTIN_LEXICON_DIR];
}

/** A plain text table with columns padded to their widest cell. */
function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

function listPacks(packs: readonly Pack[]): string {
  const rows = packs.flatMap((p) =>
    p.entries.map((e) => [
      p.pack,
      p.kind,
      e.id,
      e.category,
      String(e.patterns.length),
      e.match,
      String(e.weight),
      e.patterns
        .slice(0, 3)
        .map((x) => x.text)
        .join('; ') + (e.patterns.length > 3 ? '; ...' : ''),
    ]),
  );
  const byCategory = new Map<string, { entries: number; patterns: number }>();
  for (const p of packs)
    for (const e of p.entries) {
      const c = byCategory.get(e.category) ?? { entries: 0, patterns: 0 };
      c.entries++;
      c.patterns += e.patterns.length;
      byCategory.set(e.category, c);
    }
  const categories = [...byCategory]
    .sort((a, b) => compareText(a[0], b[0]))
    .map(([c, n]) => [c, String(n.entries), String(n.patterns)]);
  return (
    textTable(['pack', 'kind', 'entry', 'category', 'patterns', 'match', 'weight', 'examples'], rows) +
    '\n' +
    textTable(['category', 'entries', 'patterns'], categories)
  );
}

/** `framescope lexicon ...`: returns 0 when done, 1 when a checked pack has errors, 2 on bad usage. */
export async function runLexicon(args: string[], io: LexiconIO): Promise<number> {
  const [sub, ...rest] = args;
  // mine and validate read corpora: their own commands, loaded only when run.
  if (sub === 'mine') return (await import('./lexiconMineCommand.ts')).runMine(rest, io);
  if (sub === 'validate') return (await import('./lexiconValidateCommand.ts')).runValidate(rest, io);
  if (sub === undefined || sub === '--help' || sub === '-h' || rest.includes('--help')) {
    io.stdout(LEXICON_HELP);
    return sub === undefined ? 2 : 0;
  }
  let format: ExportFormat | null = null;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a === '--format' || a.startsWith('--format=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!value || !(EXPORT_FORMATS as readonly string[]).includes(value)) {
        io.stderr(
          `framescope lexicon: --format must be one of ${EXPORT_FORMATS.join(', ')}, got ${value ?? 'nothing'}\n`,
        );
        return 2;
      }
      format = value as ExportFormat;
    } else if (a.startsWith('-')) {
      io.stderr(`framescope lexicon: unknown option ${a}\n`);
      return 2;
    } else paths.push(a);
  }
  let packs: Pack[];
  try {
    packs = loadPacks(paths.length > 0 ? paths : builtinPaths());
  } catch (e) {
    io.stderr(`framescope lexicon: ${(e as Error).message}\n`);
    return 2;
  }
  switch (sub) {
    case 'check': {
      const issues = sortIssues([...checkPacks(packs), ...indexDeclarationIssues(packs)]);
      for (const issue of issues) io.stdout(`${formatIssue(issue)}\n`);
      const errors = issues.filter((i) => i.severity === 'error').length;
      const warnings = issues.length - errors;
      const entries = packs.reduce((n, p) => n + p.entries.length, 0);
      const patterns = packs.reduce((n, p) => n + p.entries.reduce((m, e) => m + e.patterns.length, 0), 0);
      io.stdout(
        `${packs.length} packs, ${entries} entries, ${patterns} patterns: ${errors} errors, ${warnings} warnings\n`,
      );
      return errors > 0 ? 1 : 0;
    }
    case 'list':
      io.stdout(listPacks(packs));
      return 0;
    case 'export': {
      if (format === null) {
        io.stderr(`framescope lexicon export: give --format ${EXPORT_FORMATS.join('|')}\n`);
        return 2;
      }
      const { text, skipped } = exportPacks(packs, format);
      io.stdout(text);
      for (const s of skipped) io.stderr(`skipped (the ${format} format cannot express it): ${s}\n`);
      return 0;
    }
    default:
      io.stderr(`framescope lexicon: unknown subcommand "${sub}"; expected check, list or export\n`);
      return 2;
  }
}
