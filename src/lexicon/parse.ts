import { LineCounter, type Node, type Pair, type YAMLMap, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Issue } from '../types.ts';
import { closest, lexiconIssue } from './issues.ts';
import { POS_TAGS } from './pattern.ts';
import {
  type Located,
  MATCH_MODES,
  type MatchMode,
  PACK_KINDS,
  type Pack,
  type PackEntry,
  type PackKind,
  isMatchedKind,
} from './types.ts';

/** The largest weight an entry may have, either sign: weights scale hit counts in weighted figures. */
export const MAX_WEIGHT = 1_000;

const PACK_FIELDS = [
  'pack',
  'kind',
  'version',
  'description',
  'licence',
  'citation',
  'indexes',
  'entries',
] as const;
const ENTRY_FIELDS = [
  'id',
  'category',
  'patterns',
  'weight',
  'rationale',
  'evidence',
  'match',
  'exclude',
  'pos',
  'case_sensitive',
  'choice',
  'term',
] as const;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CATEGORY = /^[a-z0-9]+(?:[-_][a-z0-9]+)*(?:\.[a-z0-9]+(?:[-_][a-z0-9]+)*)*$/;
/** An index's id, or `id.part` for a part of one (`hedging.hedges`). */
const INDEX_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)?$/;

/** Reads the YAML of one pack. Never throws on bad data: every problem becomes an issue with file:line. */
export function parsePack(text: string, file: string): Pack {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: true });
  const issues: Issue[] = [];
  const lineOf = (node: Node | null | undefined): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  const issue = (severity: 'error' | 'warning', code: string, line: number, message: string, hint: string) =>
    issues.push(lexiconIssue(severity, code, file, line, message, hint));

  for (const e of doc.errors) {
    issue(
      'error',
      'lexicon/bad-syntax',
      e.linePos?.[0]?.line ?? 1,
      `YAML: ${e.message.split('\n')[0]}`,
      'fix the YAML (indentation, a missing colon or quote); a pattern containing `: ` or starting with `*` must be quoted',
    );
  }
  const empty: Pack = {
    pack: '',
    kind: 'framing',
    version: '',
    description: '',
    licence: '',
    citation: '',
    file,
    entries: [],
    issues,
  };
  if (doc.errors.length > 0) return empty;
  const root = doc.contents;
  if (!isMap(root)) {
    issue(
      'error',
      'lexicon/bad-syntax',
      lineOf(root),
      'a pack must be a YAML mapping',
      'start with `pack: my-pack-id`',
    );
    return empty;
  }

  const fields = fieldsOf(root, PACK_FIELDS, 'pack', lineOf, issue, false);
  const str = (name: string, required: 'error' | 'warning' | null): string => {
    const pair = fields.get(name);
    if (!pair) {
      if (required)
        issue(
          required,
          'lexicon/missing-field',
          lineOf(root),
          `the pack has no \`${name}\``,
          `add \`${name}:\``,
        );
      return '';
    }
    const value = pair.value;
    if (!isScalar(value) || value.value === null || typeof value.value === 'object') {
      issue(
        'error',
        'lexicon/bad-value',
        lineOf(pair.key as Node),
        `\`${name}\` must be a text`,
        `write \`${name}: ...\``,
      );
      return '';
    }
    return String(value.value).trim();
  };
  const packId = str('pack', 'error');
  if (packId && !KEBAB.test(packId))
    issue(
      'error',
      'lexicon/bad-value',
      lineOf(fields.get('pack')?.key as Node),
      `pack id \`${packId}\` is not kebab-case`,
      'use lower-case letters, digits and hyphens, like `prc-state-media`',
    );
  const kindText = str('kind', 'error');
  let kind: PackKind = 'framing';
  if (kindText) {
    if ((PACK_KINDS as readonly string[]).includes(kindText)) kind = kindText as PackKind;
    else
      issue(
        'error',
        'lexicon/bad-value',
        lineOf(fields.get('kind')?.key as Node),
        `kind \`${kindText}\` is unknown`,
        `use one of ${PACK_KINDS.join(', ')}`,
      );
  }
  const version = str('version', 'error');
  if (version && !SEMVER.test(version))
    issue(
      'error',
      'lexicon/bad-version',
      lineOf(fields.get('version')?.key as Node),
      `version \`${version}\` is not MAJOR.MINOR.PATCH`,
      'write a semantic version like `1.0.0` (quote it if YAML reads it as a number)',
    );
  const description = str('description', 'warning');
  const licence = str('licence', 'warning');
  const citation = str('citation', 'warning');

  const entries: PackEntry[] = [];
  const entriesPair = fields.get('entries');
  if (!entriesPair) {
    issue(
      'error',
      'lexicon/missing-field',
      lineOf(root),
      'the pack has no `entries`',
      'add `entries:` with a list of entries',
    );
  } else if (!isSeq(entriesPair.value)) {
    issue(
      'error',
      'lexicon/bad-value',
      lineOf(entriesPair.key as Node),
      '`entries` must be a list',
      'write each entry as `- id: ...` under `entries:`',
    );
  } else {
    for (const item of entriesPair.value.items) {
      const entry = parseEntry(item as Node, kind, lineOf, issue);
      if (entry) entries.push(entry);
    }
  }
  const indexes = fields.has('indexes')
    ? indexesOf(fields.get('indexes') as Pair, entries, lineOf, issue)
    : undefined;
  return {
    pack: packId,
    kind,
    version,
    description,
    licence,
    citation,
    file,
    format: 'yaml',
    entries,
    ...(indexes ? { indexes } : {}),
    issues,
  };
}

/**
 * The pack's `indexes`: a mapping of index ids (or `id.part`) to lists of its categories. Which
 * ids exist is the figures stage's to say (figures/indexes.ts); here the shape is checked, and
 * that each category is one of the pack's entries or a parent of one.
 */
function indexesOf(
  pair: Pair,
  entries: readonly PackEntry[],
  lineOf: (node: Node | null | undefined) => number,
  issue: IssueSink,
): Record<string, Located[]> | undefined {
  const value = pair.value;
  if (!isMap(value)) {
    issue(
      'error',
      'lexicon/bad-value',
      lineOf(pair.key as Node),
      '`indexes` must map index ids to lists of categories',
      'write e.g. `indexes: { evaluative-intensity: [evaluative] }`',
    );
    return undefined;
  }
  const out: Record<string, Located[]> = {};
  for (const item of value.items) {
    const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
    const line = lineOf(item.key as Node);
    if (!INDEX_KEY.test(key)) {
      issue(
        'error',
        'lexicon/bad-value',
        line,
        `index \`${key}\` is not an index id or \`id.part\``,
        'use the id of an index, like `state-media`, or a part of one, like `hedging.hedges`',
      );
      continue;
    }
    const list = locatedList(item.value, lineOf);
    if (!list || list.some((c) => !CATEGORY.test(c.text.trim()))) {
      issue(
        'error',
        'lexicon/bad-value',
        line,
        `index \`${key}\`: expecting a list of categories`,
        'write the categories of this pack that feed the index, like `[evaluative]`',
      );
      continue;
    }
    for (const c of list) {
      const category = c.text.trim();
      if (!entries.some((e) => e.category === category || e.category.startsWith(`${category}.`)))
        issue(
          'warning',
          'lexicon/unused-index-category',
          c.line,
          `index \`${key}\`: no entry of this pack has category \`${category}\` or one below it`,
          'name a category of this pack, or a parent of one',
        );
    }
    out[key] = list.map((c) => ({ text: c.text.trim(), line: c.line }));
  }
  return out;
}

type IssueSink = (
  severity: 'error' | 'warning',
  code: string,
  line: number,
  message: string,
  hint: string,
) => void;

/** The pairs of a mapping by key, reporting unknown keys (unless `allowExtra`). */
function fieldsOf(
  map: YAMLMap,
  known: readonly string[],
  what: string,
  lineOf: (node: Node | null | undefined) => number,
  issue: IssueSink,
  allowExtra: boolean,
): Map<string, Pair> {
  const fields = new Map<string, Pair>();
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    fields.set(key, pair as Pair);
    if (!known.includes(key) && !allowExtra) {
      const guess = closest(key, known);
      issue(
        'error',
        'lexicon/unknown-field',
        lineOf(pair.key as Node),
        `unknown ${what} field \`${key}\``,
        guess ? `did you mean \`${guess}\`?` : `remove it; ${what} fields are ${known.join(', ')}`,
      );
    }
  }
  return fields;
}

function located(node: unknown, lineOf: (node: Node | null | undefined) => number): Located | null {
  if (!isScalar(node) || node.value === null || typeof node.value === 'object') return null;
  return { text: String(node.value), line: lineOf(node) };
}

/** A list of strings (or one string), each with its line; null when the value is neither. */
function locatedList(node: unknown, lineOf: (node: Node | null | undefined) => number): Located[] | null {
  if (isSeq(node)) {
    const out: Located[] = [];
    for (const item of node.items) {
      const l = located(item, lineOf);
      if (!l) return null;
      out.push(l);
    }
    return out;
  }
  const one = located(node, lineOf);
  return one ? [one] : null;
}

function parseEntry(
  node: Node,
  kind: PackKind,
  lineOf: (node: Node | null | undefined) => number,
  issue: IssueSink,
): PackEntry | null {
  const line = lineOf(node);
  if (!isMap(node)) {
    issue(
      'error',
      'lexicon/bad-syntax',
      line,
      'an entry must be a mapping',
      'write entries as `- id: ...` with fields below',
    );
    return null;
  }
  const fields = fieldsOf(node, ENTRY_FIELDS, 'entry', lineOf, issue, !isMatchedKind(kind));
  const keyLine = (name: string) => lineOf(fields.get(name)?.key as Node);
  const text = (name: string, missingCode: string | null): string => {
    const pair = fields.get(name);
    if (!pair) {
      if (missingCode)
        issue('error', missingCode, line, `entry has no \`${name}\``, `add \`${name}:\` to the entry`);
      return '';
    }
    const l = located(pair.value, lineOf);
    if (!l || l.text.trim() === '') {
      issue(
        'error',
        missingCode ?? 'lexicon/bad-value',
        keyLine(name),
        `\`${name}\` is empty or not a text`,
        `write \`${name}: ...\``,
      );
      return '';
    }
    return l.text.trim();
  };
  const id = text('id', 'lexicon/missing-field');
  const label = id ? `entry \`${id}\`` : 'entry';
  if (id && !KEBAB.test(id))
    issue(
      'warning',
      'lexicon/bad-value',
      keyLine('id'),
      `${label}: id is not kebab-case`,
      'use lower-case words joined by hyphens',
    );
  const category = text('category', 'lexicon/missing-field');
  if (category && !CATEGORY.test(category))
    issue(
      'error',
      'lexicon/bad-value',
      keyLine('category'),
      `${label}: category \`${category}\` is not a dot path of lower-case names`,
      'write it like `state-media.prc.slogan`',
    );
  const rationale = text('rationale', 'lexicon/missing-rationale');
  const evidence = text('evidence', 'lexicon/missing-evidence');

  let patterns: Located[] = [];
  const patternsPair = fields.get('patterns');
  if (!patternsPair) {
    issue(
      'error',
      'lexicon/missing-field',
      line,
      `${label} has no \`patterns\``,
      'add `patterns:` with one pattern per line',
    );
  } else {
    const list = locatedList(patternsPair.value, lineOf);
    if (!list) {
      issue(
        'error',
        'lexicon/bad-value',
        keyLine('patterns'),
        `${label}: \`patterns\` must be a list of texts`,
        'write one `- pattern` per line under `patterns:`',
      );
    } else if (list.length === 0) {
      issue(
        'error',
        'lexicon/empty-pattern',
        keyLine('patterns'),
        `${label} has no patterns`,
        'add at least one pattern',
      );
    } else patterns = list;
  }

  let weight = 1;
  const weightPair = fields.get('weight');
  if (weightPair) {
    const v = isScalar(weightPair.value) ? weightPair.value.value : null;
    if (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_WEIGHT) weight = v;
    else
      issue(
        'error',
        'lexicon/bad-value',
        keyLine('weight'),
        `${label}: weight must be a number from -${MAX_WEIGHT} to ${MAX_WEIGHT}, found ${String(v)}`,
        'write e.g. `weight: 1`; weights scale hits, and past this bound weighted figures overflow to Inf',
      );
  }
  let match: MatchMode = 'lemma';
  const matchText = fields.has('match') ? text('match', null) : '';
  if (matchText) {
    if ((MATCH_MODES as readonly string[]).includes(matchText)) match = matchText as MatchMode;
    else
      issue(
        'error',
        'lexicon/bad-value',
        keyLine('match'),
        `${label}: match \`${matchText}\` is unknown`,
        `use one of ${MATCH_MODES.join(', ')}`,
      );
  }
  let exclude: Located[] = [];
  if (fields.has('exclude')) {
    const list = locatedList(fields.get('exclude')?.value, lineOf);
    if (list) exclude = list;
    else
      issue(
        'error',
        'lexicon/bad-value',
        keyLine('exclude'),
        `${label}: \`exclude\` must be a list of phrases`,
        'write `exclude: [longer phrase, another phrase]`',
      );
  }
  let pos: string[] = [];
  if (fields.has('pos')) {
    const list = locatedList(fields.get('pos')?.value, lineOf);
    const tags = list?.map((l) => l.text.trim().toUpperCase()) ?? null;
    const bad = tags?.filter((t) => !POS_TAGS.has(t)) ?? [];
    if (!tags || bad.length > 0)
      issue(
        'error',
        'lexicon/never-matches',
        keyLine('pos'),
        `${label}: pos ${bad.length > 0 ? `\`${bad.join(', ')}\` is` : 'is'} not a Universal POS tag, so the entry never matches`,
        `use one or a list of ${[...POS_TAGS].join(', ')}`,
      );
    else pos = tags;
  }
  let caseSensitive = false;
  const csPair = fields.get('case_sensitive');
  if (csPair) {
    const v = isScalar(csPair.value) ? csPair.value.value : null;
    if (typeof v === 'boolean') caseSensitive = v;
    else
      issue(
        'error',
        'lexicon/bad-value',
        keyLine('case_sensitive'),
        `${label}: case_sensitive must be true or false`,
        'write `case_sensitive: true`',
      );
  }
  const choice = fields.has('choice') ? text('choice', null) || null : null;
  const term = fields.has('term') ? text('term', null) || null : null;
  if (kind === 'choices') {
    if (!choice)
      issue(
        'error',
        'lexicon/missing-field',
        line,
        `${label} in a choices pack has no \`choice\``,
        'add `choice: <set id>`',
      );
    if (!term)
      issue(
        'error',
        'lexicon/missing-field',
        line,
        `${label} in a choices pack has no \`term\``,
        'add `term: <term id>`',
      );
  } else if (choice || term) {
    issue(
      'warning',
      'lexicon/unknown-field',
      keyLine(choice ? 'choice' : 'term'),
      `${label}: \`choice\`/\`term\` only mean something in a \`kind: choices\` pack`,
      'remove them, or set `kind: choices`',
    );
  }
  const extra: Record<string, unknown> = {};
  if (!isMatchedKind(kind)) {
    for (const [key, pair] of fields)
      if (!(ENTRY_FIELDS as readonly string[]).includes(key))
        extra[key] = (pair.value as Node | null)?.toJSON?.() ?? null;
  }
  return {
    id,
    line,
    category,
    patterns,
    weight,
    rationale,
    evidence,
    match,
    exclude,
    pos,
    caseSensitive,
    choice,
    term,
    extra,
  };
}
