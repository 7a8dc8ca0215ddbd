import { DASHES, type UnitForms, canonicalSurface, formsOf, plainForms } from '../text/fold.ts';
import { tokenize } from '../text/tokenize.ts';
import { unitsOf } from '../text/units.ts';
import type { Issue } from '../types.ts';
import { lexiconIssue } from './issues.ts';
import { type PatternWord, isPatternError, parsePattern } from './pattern.ts';
import {
  type Located,
  type MatchMode,
  type Pack,
  type PackEntry,
  type PackKind,
  isMatchedKind,
} from './types.ts';

/** How one pattern word is compared with one unit. */
export type UnitMatcher =
  | { readonly kind: 'literal'; readonly forms: UnitForms; readonly pos: readonly string[] | null }
  | {
      readonly kind: 'glob';
      /** Lower-cased unless the entry is case-sensitive; matched by globMatches (linear, no regex). */
      readonly glob: string;
      /** The literal first two characters every match starts with, for the index. */
      readonly prefix: string | null;
      readonly pos: readonly string[] | null;
    }
  | {
      readonly kind: 'regex';
      readonly re: RegExp;
      readonly prefix: null;
      readonly pos: readonly string[] | null;
    };

export type CompiledPhrase = readonly UnitMatcher[];

export interface CompiledEntry {
  readonly pack: Pack;
  readonly entry: PackEntry;
  readonly kind: PackKind;
  /** Position of the entry across all packs (pack order, then entry order): the last tie-break. */
  readonly order: number;
  readonly mode: MatchMode;
  readonly caseSensitive: boolean;
  readonly excludes: readonly CompiledPhrase[];
}

export interface CompiledPattern {
  /** Index in `CompiledLexicon.patterns`. */
  readonly id: number;
  readonly entry: CompiledEntry;
  /** The pattern as written in the pack. */
  readonly text: string;
  readonly line: number;
  /** One phrase, or two for NEAR. */
  readonly phrases: readonly CompiledPhrase[];
  readonly near: number | null;
  /**
   * What the pattern matches, for duplicate checks: the mode plus each word's compared form (the
   * folded normal form under `lemma` and `normal`, so spelling and hyphen variants coincide while
   * inflected forms, which authors list on purpose, stay apart).
   */
  readonly key: string;
}

/** The first-unit index: candidate patterns by a compared form of their first unit. */
export interface PatternIndex {
  /** Literal first units by lower-case form, folded normal form or folded lemma. */
  readonly byForm: ReadonlyMap<string, readonly CompiledPattern[]>;
  readonly byStem: ReadonlyMap<string, readonly CompiledPattern[]>;
  /** Globs with a literal two-character prefix, by that prefix. */
  readonly byPrefix: ReadonlyMap<string, readonly CompiledPattern[]>;
  /** Patterns whose first unit is a regex or a glob without a literal prefix: tried at every unit. */
  readonly scan: readonly CompiledPattern[];
}

export interface CompiledLexicon {
  /** The framing and choices packs compiled (sources and facts packs are not matched). */
  readonly packs: readonly Pack[];
  readonly entries: readonly CompiledEntry[];
  readonly patterns: readonly CompiledPattern[];
  /** Every category path of the entries, sorted. */
  readonly categories: readonly string[];
  /** Patterns that could not be compiled (they are left out of matching). */
  readonly issues: readonly Issue[];
  readonly index: PatternIndex;
}

/**
 * Units of runs of literal words already tokenized. A run's units depend on its
 * text alone (tokenization is stateless, see winkModel.ts), and a run recurs: `checkPacks`
 * compiles the packs before the analyzer compiles the usable ones, and packs repeat phrases.
 */
const literalCache = new Map<string, readonly UnitForms[]>();
const LITERAL_CACHE_LIMIT = 100_000;

/** Units of a run of literal words, tokenized by wink exactly like article text. */
function literalUnits(text: string): readonly UnitForms[] {
  let units = literalCache.get(text);
  if (units === undefined) {
    const block = [{ start: 0, end: text.length }];
    const { tokens } = tokenize(text, block);
    units = Object.freeze(unitsOf(tokens).forms.map(plainForms));
    if (literalCache.size >= LITERAL_CACHE_LIMIT) literalCache.clear();
    literalCache.set(text, units);
  }
  return units;
}

function compileWords(
  words: readonly PatternWord[],
  entryPos: readonly string[],
  caseSensitive: boolean,
): UnitMatcher[] {
  const out: UnitMatcher[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length === 0) return;
    for (const forms of literalUnits(run.join(' '))) out.push({ kind: 'literal', forms, pos: null });
    run = [];
  };
  for (const w of words) {
    if (w.kind === 'literal' && w.pos === null) {
      run.push(w.text);
      continue;
    }
    flush();
    const pos = w.pos ? [w.pos] : null;
    if (w.kind === 'literal') {
      const units = literalUnits(w.text);
      units.forEach((forms, k) => {
        out.push({ kind: 'literal', forms, pos: k === units.length - 1 ? pos : null });
      });
    } else if (w.kind === 'regex') {
      out.push({
        kind: 'regex',
        re: new RegExp(`^(?:${w.source})$`, caseSensitive ? 'u' : 'iu'),
        prefix: null,
        pos,
      });
    } else {
      const parts = canonicalSurface(w.text)
        .split(new RegExp(DASHES.source))
        .filter((p) => p !== '');
      for (const part of parts) {
        const glob = caseSensitive ? part : part.toLowerCase();
        if (!/[*?]/.test(glob)) {
          out.push({
            kind: 'literal',
            forms: plainForms(formsOf(part, part.toLowerCase(), part.toLowerCase())),
            pos,
          });
          continue;
        }
        const literalPrefix = /^[^*?]*/.exec(glob)?.[0] ?? '';
        out.push({
          kind: 'glob',
          glob,
          prefix: literalPrefix.length >= 2 ? literalPrefix.slice(0, 2).toLowerCase() : null,
          pos,
        });
      }
    }
  }
  flush();
  if (out.length === 1 && entryPos.length > 0) {
    const only = out[0] as UnitMatcher;
    out[0] = { ...only, pos: only.pos ?? entryPos };
  }
  return out;
}

function unitKey(u: UnitMatcher, mode: MatchMode, caseSensitive: boolean): string {
  const pos = u.pos ? `@${u.pos.join('|')}` : '';
  if (u.kind === 'glob') return `glob:${u.glob}${pos}`;
  if (u.kind === 'regex') return `regex:${u.re.source}${pos}`;
  const f = u.forms;
  const form = caseSensitive ? f.raw : mode === 'exact' ? f.lower : mode === 'stem' ? f.stem : f.norm;
  return form + pos;
}

function phraseKey(p: CompiledPhrase, mode: MatchMode, caseSensitive: boolean): string {
  return p.map((u) => unitKey(u, mode, caseSensitive)).join(' ');
}

function push<K>(map: Map<K, CompiledPattern[]>, key: K, p: CompiledPattern): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== p) list.push(p);
  } else map.set(key, [p]);
}

export interface CompileOptions {
  /** Compile the sources packs too (for checks; they are not matched). */
  readonly includeSources?: boolean;
}

/**
 * Compiles the framing and choices packs (in the order given) into one matcher. Each pattern is
 * parsed and tokenized once; patterns that cannot compile become issues and are left out.
 */
export function compileLexicon(packs: readonly Pack[], options: CompileOptions = {}): CompiledLexicon {
  const used = options.includeSources ? [...packs] : packs.filter((p) => isMatchedKind(p.kind));
  const entries: CompiledEntry[] = [];
  const patterns: CompiledPattern[] = [];
  const issues: Issue[] = [];
  const byForm = new Map<string, CompiledPattern[]>();
  const byStem = new Map<string, CompiledPattern[]>();
  const byPrefix = new Map<string, CompiledPattern[]>();
  const scan: CompiledPattern[] = [];
  const categories = new Set<string>();

  const compileOne = (
    pack: Pack,
    entry: PackEntry,
    source: Located,
    allowNear: boolean,
  ): { phrases: CompiledPhrase[]; near: number | null } | null => {
    const syntax = parsePattern(source.text);
    if (isPatternError(syntax)) {
      issues.push(
        lexiconIssue(
          'error',
          syntax.code,
          pack.file,
          source.line,
          `entry \`${entry.id}\`: ${syntax.message}`,
          syntax.hint,
        ),
      );
      return null;
    }
    if (syntax.near !== null && !allowNear) {
      issues.push(
        lexiconIssue(
          'error',
          'lexicon/bad-syntax',
          pack.file,
          source.line,
          `entry \`${entry.id}\`: an exclude phrase cannot use NEAR`,
          'write the longer phrase word by word',
        ),
      );
      return null;
    }
    const entryPos = syntax.near === null ? entry.pos : [];
    const phrases = syntax.phrases.map((words) => compileWords(words, entryPos, entry.caseSensitive));
    if (entryPos.length > 0 && allowNear && (phrases[0] as CompiledPhrase).length > 1)
      issues.push(
        lexiconIssue(
          'warning',
          'lexicon/pos-ignored',
          pack.file,
          source.line,
          `entry \`${entry.id}\`: \`pos\` applies to one-word patterns only, so it is ignored for \`${source.text}\``,
          'put the tag on one word of the phrase, like `word@NOUN`, or move the phrase to an entry without `pos`',
        ),
      );
    if (phrases.some((p) => p.length === 0)) {
      issues.push(
        lexiconIssue(
          'error',
          'lexicon/never-matches',
          pack.file,
          source.line,
          `entry \`${entry.id}\`: pattern \`${source.text}\` has no word a token could match (only hyphens or dashes)`,
          'write the words the pattern should find',
        ),
      );
      return null;
    }
    return { phrases, near: syntax.near };
  };

  for (const pack of used) {
    for (const entry of pack.entries) {
      if (!entry.id || !entry.category || entry.patterns.length === 0) continue;
      categories.add(entry.category);
      const excludes: CompiledPhrase[] = [];
      for (const ex of entry.exclude) {
        const compiled = compileOne(pack, entry, ex, false);
        if (compiled) excludes.push(compiled.phrases[0] as CompiledPhrase);
      }
      const ce: CompiledEntry = {
        pack,
        entry,
        kind: pack.kind,
        order: entries.length,
        mode: entry.match,
        caseSensitive: entry.caseSensitive,
        excludes,
      };
      entries.push(ce);
      for (const source of entry.patterns) {
        const compiled = compileOne(pack, entry, source, true);
        if (!compiled) continue;
        const key =
          `${entry.caseSensitive ? 'cs' : entry.match}|` +
          compiled.phrases
            .map((p) => phraseKey(p, entry.match, entry.caseSensitive))
            .join(` NEAR/${compiled.near} `);
        const p: CompiledPattern = {
          id: patterns.length,
          entry: ce,
          text: source.text,
          line: source.line,
          phrases: compiled.phrases,
          near: compiled.near,
          key,
        };
        patterns.push(p);
        const first = (compiled.phrases[0] as CompiledPhrase)[0] as UnitMatcher;
        if (first.kind === 'literal') {
          const f = first.forms;
          if (ce.caseSensitive || ce.mode === 'exact') push(byForm, f.lower, p);
          else if (ce.mode === 'stem') push(byStem, f.stem, p);
          else {
            push(byForm, f.norm, p);
            push(byForm, ce.mode === 'lemma' ? f.lemma : f.lower, p);
          }
        } else if (first.prefix !== null) push(byPrefix, first.prefix, p);
        else scan.push(p);
      }
    }
  }
  return {
    packs: used,
    entries,
    patterns,
    categories: [...categories].sort(),
    issues,
    index: { byForm, byStem, byPrefix, scan },
  };
}
