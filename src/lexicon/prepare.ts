import type { Issue } from '../types.ts';
import { type CompiledLexicon, compileLexicon } from './compile.ts';
import { type PackInfo, packInfoOf } from './packInfo.ts';
import { type PackSelection, selectPacks } from './select.ts';
import type { StagePacks } from './stagePacks.ts';

export type { PackInfo };

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
  /** Every pack the run reads, the stages' packs after the matched ones. */
  readonly packs: readonly PackInfo[];
  /** The built-in packs of the stages (attribution, comparison), checked with the others. */
  readonly stagePacks: StagePacks;
  readonly lexiconIssues: readonly Issue[];
}

/**
 * Loads, checks and compiles the packs of a selection. A user pack with errors would give wrong
 * counts: it is reported and left out, the rest is used. Throws when a named pack file does not
 * exist.
 */
export function compileSelection(selection: PackSelection): PreparedLexicons {
  const { usable, stage, stagePacks, issues: lexiconIssues } = selectPacks(selection);
  return {
    options: { lexicons: selection.lexicons, builtinLexicons: selection.builtinLexicons },
    lexicon: compileLexicon(usable),
    packs: [...usable, ...stage].map(packInfoOf),
    stagePacks,
    lexiconIssues,
  };
}
