import { stringify } from 'yaml';
import type { Pack } from '../lexicon/types.ts';
import { toCsv } from './csv.ts';

/**
 * Writers of packs in the forms other tools read. LIWC, quanteda, tidytext and NLTK know only
 * words, phrases and `*` globs, so patterns using `re:`, `@POS` or `NEAR` are left out and listed in
 * `skipped`, and the match mode, weights and exclusions are lost.
 */
export const EXPORT_FORMATS = ['csv', 'liwc', 'quanteda', 'tidytext', 'nltk'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface Exported {
  readonly text: string;
  /** `file:line: pattern` of every pattern the format cannot express. */
  readonly skipped: readonly string[];
}

interface Row {
  readonly category: string;
  readonly pattern: string;
}

/** Whether a pattern is plain words and `*`/`?` globs, which every format can hold. */
function isPortable(pattern: string): boolean {
  return !/(^|\s)re:|@[A-Z]+(\s|$)|\sNEAR\/\d+\s/.test(pattern);
}

function portableRows(packs: readonly Pack[], skipped: string[]): Row[] {
  const rows: Row[] = [];
  for (const pack of packs)
    for (const e of pack.entries)
      for (const p of e.patterns) {
        if (isPortable(p.text))
          rows.push({ category: e.category, pattern: p.text.trim().replace(/\s+/g, ' ') });
        else skipped.push(`${pack.file}:${p.line}: ${p.text}`);
      }
  return rows;
}

export function exportPacks(packs: readonly Pack[], format: ExportFormat): Exported {
  const skipped: string[] = [];
  switch (format) {
    case 'csv': {
      const rows = packs.flatMap((pack) =>
        pack.entries.flatMap((e) =>
          e.patterns.map((p) => [
            pack.pack,
            e.id,
            e.category,
            p.text,
            e.weight,
            e.rationale,
            e.evidence,
            e.match,
          ]),
        ),
      );
      const header = ['pack', 'id', 'category', 'pattern', 'weight', 'rationale', 'evidence', 'match'];
      return { text: toCsv(header, rows, { safeCells: false }), skipped };
    }
    case 'tidytext': {
      const rows = portableRows(packs, skipped).map((r) => [r.pattern.toLowerCase(), r.category]);
      return { text: toCsv(['word', 'category'], rows, { safeCells: false }), skipped };
    }
    case 'nltk': {
      const lines = portableRows(packs, skipped).map((r) => `${r.pattern.toLowerCase()}\t${r.category}`);
      return { text: lines.length > 0 ? `${lines.join('\n')}\n` : '', skipped };
    }
    case 'liwc': {
      const rows = portableRows(packs, skipped);
      const categories = [...new Set(rows.map((r) => r.category))];
      const idOf = new Map(categories.map((c, i) => [c, i + 1]));
      const byWord = new Map<string, Set<number>>();
      for (const r of rows) {
        const word = r.pattern.toLowerCase();
        const ids = byWord.get(word) ?? new Set<number>();
        ids.add(idOf.get(r.category) as number);
        byWord.set(word, ids);
      }
      const lines = ['%', ...categories.map((c, i) => `${i + 1}\t${c}`), '%'];
      for (const [word, ids] of byWord) lines.push(`${word}\t${[...ids].sort((a, b) => a - b).join('\t')}`);
      return { text: `${lines.join('\n')}\n`, skipped };
    }
    case 'quanteda': {
      const tree: Record<string, unknown> = {};
      for (const r of portableRows(packs, skipped)) {
        const path = r.category.split('.');
        let node = tree;
        for (const seg of path.slice(0, -1)) {
          const child = node[seg];
          if (Array.isArray(child)) {
            // A category that is both a leaf and a parent keeps its own words under `_`.
            node[seg] = { _: child };
          }
          node[seg] ??= {};
          node = node[seg] as Record<string, unknown>;
        }
        const leaf = path[path.length - 1] as string;
        const existing = node[leaf];
        if (existing !== undefined && !Array.isArray(existing)) {
          const inner = existing as Record<string, unknown>;
          inner['_'] = [...((inner['_'] as string[] | undefined) ?? []), r.pattern];
        } else node[leaf] = [...((existing as string[] | undefined) ?? []), r.pattern];
      }
      return { text: stringify(tree), skipped };
    }
  }
}
