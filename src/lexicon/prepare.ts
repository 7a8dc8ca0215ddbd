import type { Issue } from '../types.ts';
import { type CompiledLexicon, compileLexicon } from './compile.ts';
import { packHash } from './hash.ts';
import { type PackSelection, displayPackPath, selectPacks } from './select.ts';

/** A lexicon pack as the run used it: what the methods section and the manifest print. */
export interface PackInfo {
  readonly pack: string;
  readonly kind: string;
  readonly version: string;
  readonly file: string;
  readonly sha256: string;
  readonly entries: number;
  readonly licence: string;
  readonly citation: string;
}

/**
 * The lexicons of a run, loaded, checked and compiled: the first and slowest step of
 * `createAnalyzer` (about a second, most of it checking the packs). It is plain data, so a run
 * prepares it once (or reads it back from the compiled-lexicon cache) and hands it to each worker
 * thread; `framescope score` matches with the same.
 */
export interface PreparedLexicons {
  /** The packs it was prepared for. */
  readonly options: PackSelection;
  readonly lexicon: CompiledLexicon;
  readonly packs: readonly PackInfo[];
  readonly lexiconIssues: readonly Issue[];
}

/**
 * Loads, checks and compiles the packs of a selection. A user pack with errors would give wrong
 * counts: it is reported and left out, the rest is used. Throws when a named pack file does not
 * exist.
 */
export function compileSelection(selection: PackSelection): PreparedLexicons {
  const { usable, issues: lexiconIssues } = selectPacks(selection);
  const packs: PackInfo[] = usable.map((p) => ({
    pack: p.pack,
    kind: p.kind,
    version: p.version,
    file: displayPackPath(p.file),
    sha256: packHash(p),
    entries: p.entries.length,
    licence: p.licence,
    citation: p.citation,
  }));
  return {
    options: { lexicons: selection.lexicons, builtinLexicons: selection.builtinLexicons },
    lexicon: compileLexicon(usable),
    packs,
    lexiconIssues,
  };
}
