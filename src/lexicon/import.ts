import Papa from 'papaparse';
import { LineCounter, type Node, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Issue } from '../types.ts';
import { lexiconIssue } from './issues.ts';
import { MAX_WEIGHT } from './parse.ts';
import {
  type Located,
  MATCH_MODES,
  type MatchMode,
  PACK_KINDS,
  type Pack,
  type PackEntry,
  type PackKind,
} from './types.ts';

/**
 * Readers of dictionaries written for other tools: LIWC `.dic`, quanteda YAML dictionaries and
 * the one-row-per-pattern CSV a spreadsheet edits. Each gives ordinary packs, so `lexicon check`
 * and the matcher treat an imported dictionary like a native one. Imported word lists are
 * matched `exact` (case-insensitive), as the original tools match them.
 */

/** A kebab-case id from a file name or a category label. */
export function slugOf(text: string): string {
  const base = text.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return (
    base
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'imported'
  );
}

/** A category path: lower case, segments kept apart by dots. */
function categoryOf(label: string): string {
  return label
    .split('.')
    .map((s) => slugOf(s))
    .join('.');
}

/** Every problem an importer finds is an error at a line of the imported file. */
function errorsInto(
  issues: Issue[],
  file: string,
): (code: string, line: number, message: string, hint: string) => void {
  return (code, line, message, hint) =>
    void issues.push(lexiconIssue('error', code, file, line, message, hint));
}

function importedPack(
  file: string,
  pack: string,
  entries: PackEntry[],
  issues: Issue[],
  what: string,
  format: 'liwc' | 'quanteda' | 'csv',
): Pack {
  return {
    format,
    pack,
    kind: 'framing',
    version: '1.0.0',
    description: `${what} imported from ${file}`,
    licence: 'see the source dictionary',
    citation: `see the source dictionary (${file})`,
    file,
    entries,
    issues,
  };
}

function importedEntry(
  category: string,
  line: number,
  patterns: Located[],
  file: string,
  what: string,
  match: MatchMode,
): PackEntry {
  const seen = new Set<string>();
  const unique = patterns.filter((p) => {
    const k = p.text.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return {
    id: category.replace(/\./g, '-'),
    line,
    category,
    patterns: unique,
    weight: 1,
    rationale: `Category \`${category}\` of the ${what} ${file}.`,
    evidence: `The source dictionary (${file}) and its documentation.`,
    match,
    exclude: [],
    pos: [],
    caseSensitive: false,
    choice: null,
    term: null,
    extra: {},
  };
}

/**
 * Reads a LIWC dictionary: a `%` line, `id<TAB>name` category lines, a `%` line, then
 * `word<TAB>id id ...` lines (a word may hold spaces; `*` ends a prefix glob). One entry per
 * category, in the order of the header.
 */
export function parseLiwcDic(text: string, file: string, pack = slugOf(file)): Pack {
  const issues: Issue[] = [];
  const error = errorsInto(issues, file);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const names = new Map<string, { category: string; line: number }>();
  const words = new Map<string, Located[]>();
  let section: 'before' | 'header' | 'words' = 'before';
  const idKey = (id: string) => (/^\d+$/.test(id) ? String(Number(id)) : id);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    if (trimmed === '%') {
      section = section === 'before' ? 'header' : 'words';
      return;
    }
    if (section === 'before') {
      error(
        'lexicon/bad-syntax',
        line,
        'a LIWC dictionary must start with a `%` line',
        'put `%` on the first line, then the categories, then `%` again',
      );
      section = 'words';
      return;
    }
    if (section === 'header') {
      const m = /^(\S+)\s+(.+)$/.exec(trimmed);
      if (!m) {
        error('lexicon/bad-syntax', line, `category line \`${trimmed}\` has no name`, 'write `id<TAB>name`');
        return;
      }
      const category = categoryOf((m[2] as string).trim());
      names.set(idKey(m[1] as string), { category, line });
      words.set(category, []);
      return;
    }
    // A word may contain spaces, so the tab splits word from ids when there is one.
    let word: string;
    let ids: string[];
    if (raw.includes('\t')) {
      const tab = raw.indexOf('\t');
      word = raw.slice(0, tab).trim();
      ids = raw
        .slice(tab + 1)
        .trim()
        .split(/\s+/)
        .filter((s) => s !== '');
    } else {
      const parts = trimmed.split(/\s+/);
      let k = parts.length;
      while (k > 1 && /^\d+$/.test(parts[k - 1] as string)) k--;
      word = parts.slice(0, k).join(' ');
      ids = parts.slice(k);
    }
    if (ids.length === 0) {
      error('lexicon/bad-syntax', line, `word \`${word}\` has no category`, 'add category ids after a tab');
      return;
    }
    for (const id of ids) {
      const cat = names.get(idKey(id));
      if (!cat) {
        error(
          'lexicon/bad-value',
          line,
          `word \`${word}\` names category \`${id}\`, which the header does not define`,
          'add the category to the header between the `%` lines, or fix the id',
        );
        continue;
      }
      words.get(cat.category)?.push({ text: word, line });
    }
  });
  const entries: PackEntry[] = [];
  for (const { category, line } of names.values()) {
    const patterns = words.get(category) ?? [];
    if (patterns.length > 0)
      entries.push(importedEntry(category, line, patterns, file, 'LIWC dictionary', 'exact'));
  }
  return importedPack(file, pack, entries, issues, 'LIWC dictionary', 'liwc');
}

/**
 * Reads a quanteda dictionary in YAML: nested keys form the category path, each leaf is a list of
 * patterns (glob value type: `*` and `?`). One entry per leaf.
 */
export function parseQuantedaYaml(text: string, file: string, pack = slugOf(file)): Pack {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const issues: Issue[] = [];
  const error = errorsInto(issues, file);
  const lineOf = (node: Node | null | undefined) =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  for (const e of doc.errors)
    error(
      'lexicon/bad-syntax',
      e.linePos?.[0]?.line ?? 1,
      `YAML: ${e.message.split('\n')[0]}`,
      'fix the YAML',
    );
  const entries: PackEntry[] = [];
  const walk = (node: unknown, path: string[], line: number) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        walk(pair.value, [...path, key], lineOf(pair.key as Node));
      }
      return;
    }
    const items = isSeq(node) ? node.items : [node];
    const patterns: Located[] = [];
    for (const item of items) {
      if (isScalar(item) && item.value !== null && typeof item.value !== 'object')
        patterns.push({ text: String(item.value), line: lineOf(item) });
      else
        error(
          'lexicon/bad-value',
          lineOf(item as Node),
          `\`${path.join('.')}\` holds something other than a pattern`,
          'a leaf must be a list of words or phrases',
        );
    }
    if (path.length === 0) {
      error(
        'lexicon/bad-syntax',
        line,
        'a quanteda dictionary must be a mapping',
        'write `category: [word, ...]`',
      );
      return;
    }
    const category = categoryOf(path.join('.'));
    if (patterns.length === 0)
      error(
        'lexicon/empty-pattern',
        line,
        `category \`${category}\` has no patterns`,
        'add patterns or remove it',
      );
    else entries.push(importedEntry(category, line, patterns, file, 'quanteda dictionary', 'exact'));
  };
  if (doc.errors.length === 0) walk(doc.contents, [], 1);
  return importedPack(file, pack, entries, issues, 'quanteda dictionary', 'quanteda');
}

/** The columns of the spreadsheet form, one row per pattern. `match`, `kind`, `choice`, `term` are optional. */
export const CSV_COLUMNS = ['pack', 'id', 'category', 'pattern', 'weight', 'rationale', 'evidence'] as const;
const CSV_OPTIONAL = ['match', 'kind', 'choice', 'term'] as const;

/**
 * Reads the spreadsheet form: rows sharing `pack` and `id` form one entry, in order of first
 * appearance. Lines are counted as one per record (a field holding a line break shifts them).
 */
export function parseCsvPacks(text: string, file: string): Pack[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const issues: Issue[] = [];
  const error = errorsInto(issues, file);
  const fields = parsed.meta.fields ?? [];
  const missing = CSV_COLUMNS.filter((c) => c !== 'weight' && !fields.includes(c));
  if (missing.length > 0) {
    error(
      'lexicon/missing-field',
      1,
      `the CSV has no column ${missing.map((m) => `\`${m}\``).join(', ')}`,
      `the header must hold ${CSV_COLUMNS.join(',')}`,
    );
    return [importedPack(file, slugOf(file), [], issues, 'CSV lexicon', 'csv')];
  }
  const unknown = fields.filter(
    (f) =>
      !(CSV_COLUMNS as readonly string[]).includes(f) && !(CSV_OPTIONAL as readonly string[]).includes(f),
  );
  for (const f of unknown)
    error(
      'lexicon/unknown-field',
      1,
      `unknown column \`${f}\``,
      `columns are ${[...CSV_COLUMNS, ...CSV_OPTIONAL].join(', ')}`,
    );
  interface Building {
    kind: PackKind;
    entries: Map<string, { entry: PackEntry; patterns: Located[] }>;
  }
  const packs = new Map<string, Building>();
  parsed.data.forEach((row, index) => {
    const line = index + 2;
    const get = (k: string) => (row[k] ?? '').trim();
    const packId = get('pack') || slugOf(file);
    const id = get('id');
    const pattern = row['pattern'] ?? '';
    const issue = (code: string, message: string, hint: string) => error(code, line, message, hint);
    if (!id)
      return issue(
        'lexicon/missing-field',
        'row has no `id`',
        'fill in the id of the entry the pattern belongs to',
      );
    if (pattern.trim() === '')
      issue(
        'lexicon/empty-pattern',
        `entry \`${id}\`: row has an empty pattern`,
        'fill in the pattern or delete the row',
      );
    let building = packs.get(packId);
    if (!building) {
      const kindText = get('kind') || 'framing';
      const kind = ((PACK_KINDS as readonly string[]).includes(kindText) ? kindText : 'framing') as PackKind;
      if (kind !== kindText)
        issue('lexicon/bad-value', `kind \`${kindText}\` is unknown`, `use one of ${PACK_KINDS.join(', ')}`);
      building = { kind, entries: new Map() };
      packs.set(packId, building);
    }
    const weightText = get('weight');
    const weight = weightText === '' ? 1 : Number(weightText);
    const weightOk = Number.isFinite(weight) && Math.abs(weight) <= MAX_WEIGHT;
    if (!weightOk)
      issue(
        'lexicon/bad-value',
        `entry \`${id}\`: weight \`${weightText}\` is not a number from -${MAX_WEIGHT} to ${MAX_WEIGHT}`,
        'write a number, e.g. 1',
      );
    const matchText = get('match') || 'lemma';
    const match = ((MATCH_MODES as readonly string[]).includes(matchText) ? matchText : 'lemma') as MatchMode;
    if (match !== matchText)
      issue('lexicon/bad-value', `match \`${matchText}\` is unknown`, `use one of ${MATCH_MODES.join(', ')}`);
    const existing = building.entries.get(id);
    if (existing) {
      const e = existing.entry;
      if (get('category') && get('category') !== e.category)
        issue(
          'lexicon/bad-value',
          `entry \`${id}\`: category \`${get('category')}\` differs from \`${e.category}\` on line ${e.line}`,
          'rows of one entry must share category, weight, rationale and evidence (leave them empty after the first row)',
        );
      if (pattern.trim() !== '') existing.patterns.push({ text: pattern.trim(), line });
      return;
    }
    const category = get('category');
    const rationale = get('rationale');
    const evidence = get('evidence');
    if (!category)
      issue(
        'lexicon/missing-field',
        `entry \`${id}\` has no category`,
        'fill in the category on its first row',
      );
    if (!rationale)
      issue(
        'lexicon/missing-rationale',
        `entry \`${id}\` has no rationale`,
        'say why the pattern is evidence of the category',
      );
    if (!evidence)
      issue(
        'lexicon/missing-evidence',
        `entry \`${id}\` has no evidence`,
        'cite a source or the measured rates',
      );
    const patterns: Located[] = pattern.trim() !== '' ? [{ text: pattern.trim(), line }] : [];
    building.entries.set(id, {
      patterns,
      entry: {
        id,
        line,
        category,
        patterns,
        weight: weightOk ? weight : 1,
        rationale,
        evidence,
        match,
        exclude: [],
        pos: [],
        caseSensitive: false,
        choice: get('choice') || null,
        term: get('term') || null,
        extra: {},
      },
    });
  });
  for (const e of parsed.errors)
    error(
      'lexicon/bad-syntax',
      (e.row ?? 0) + 2,
      `CSV: ${e.message}`,
      'check quotes and the number of columns',
    );
  const out: Pack[] = [];
  let first = true;
  for (const [packId, b] of packs) {
    out.push({
      ...importedPack(
        file,
        packId,
        [...b.entries.values()].map((x) => x.entry),
        first ? issues : [],
        'CSV lexicon',
        'csv',
      ),
      kind: b.kind,
    });
    first = false;
  }
  return out.length > 0 ? out : [importedPack(file, slugOf(file), [], issues, 'CSV lexicon', 'csv')];
}
