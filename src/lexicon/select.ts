import { resolve } from 'node:path';
import type { Issue } from '../types.ts';
import { checkPacks } from './check.ts';
import { BUILTIN_LEXICON_DIR, displayPackPath, loadBuiltinPacks, loadPacks } from './load.ts';
import { type StagePacks, loadStagePacks } from './stagePacks.ts';
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
  /** The built-in packs of the stages that are not among the loaded ones (see stagePacks.ts). */
  readonly stage: readonly Pack[];
  readonly stagePacks: StagePacks;
  /** Problems of the packs, stage packs included, with built-in files named `lexicons/<file>`. */
  readonly issues: readonly Issue[];
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
  // The stages' packs are checked with the others, once each (report-verbs is a framing pack too).
  const stagePacks = loadStagePacks();
  const files = new Set(loaded.map((p) => resolve(p.file)));
  const stage = Object.values(stagePacks).filter((p) => !files.has(resolve(p.file)));
  // checkPacks lists the problems reading found as well as its own.
  const issues = checkPacks([...loaded, ...stage]).map((i) =>
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
  return { loaded, usable, stage, stagePacks, issues };
}
