import type { Issue } from '../types.ts';
import { checkPacks } from './check.ts';
import { BUILTIN_LEXICON_DIR, loadBuiltinPacks, loadPacks } from './load.ts';
import type { Pack } from './types.ts';

export interface PackSelection {
  /** Extra lexicon pack files or folders, loaded after the built-in packs. */
  readonly lexicons: readonly string[];
  /** Load the built-in packs in `lexicons/`. */
  readonly builtinLexicons: boolean;
}

export interface SelectedPacks {
  /** Every pack read, in load order. */
  readonly loaded: readonly Pack[];
  /** The packs to match: all of them, less the user packs with errors. */
  readonly usable: readonly Pack[];
  /** Problems of the packs, with built-in files named `lexicons/<file>`. */
  readonly issues: readonly Issue[];
}

/**
 * Built-in packs are named `lexicons/<file>` in outputs, wherever the package is installed, so that
 * the same input gives the same bytes on every machine.
 */
export function displayPackPath(file: string): string {
  return file.startsWith(`${BUILTIN_LEXICON_DIR}/`)
    ? `lexicons/${file.slice(BUILTIN_LEXICON_DIR.length + 1)}`
    : file;
}

/** User packs are the ones named with --lexicon; a broken built-in pack is a bug, kept visible. */
function isUserPack(pack: Pack, selection: PackSelection): boolean {
  return selection.lexicons.some((p) => pack.file === p || pack.file.startsWith(p));
}

/**
 * Loads and checks the packs of a run and chooses the ones to match, as `createAnalyzer` does: a
 * user pack with errors would give wrong counts, so it is reported and left out; the rest is used.
 * Throws when a named pack file does not exist.
 */
export function selectPacks(selection: PackSelection): SelectedPacks {
  const loaded: Pack[] = [
    ...(selection.builtinLexicons ? loadBuiltinPacks() : []),
    ...loadPacks(selection.lexicons),
  ];
  // checkPacks lists the problems reading found as well as its own.
  const issues = checkPacks(loaded).map((i) =>
    i.file
      ? {
          ...i,
          file: displayPackPath(i.file),
          message: i.message.replaceAll(`${BUILTIN_LEXICON_DIR}/`, 'lexicons/'),
        }
      : i,
  );
  const broken = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.file));
  const usable = loaded.filter((p) => !(broken.has(displayPackPath(p.file)) && isUserPack(p, selection)));
  return { loaded, usable, issues };
}
