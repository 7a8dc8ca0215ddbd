import { cachedOrBuilt, compiledLexiconKey } from '../lexicon/compiledCache.ts';
import { builtinPackFiles, packFilesOf } from '../lexicon/load.ts';
import type { PackSelection } from '../lexicon/select.ts';
import type { CompiledLexicon } from '../match/compile.ts';
import type { Issue } from '../types.ts';

export interface PreparedLexicon {
  /** The usable packs compiled (a user pack with errors is left out, as analyze does). */
  readonly lexicon: CompiledLexicon;
  /** Problems of the packs. */
  readonly issues: readonly Issue[];
  /** Whether it was read from the cache rather than compiled. */
  readonly cached: boolean;
}

/**
 * The packs of a scoring run, checked and compiled, or read back compiled from the cache folder (null: no cache) when nothing they depend on
 * has changed. Throws when a named pack file does not exist. The packs are read and compiled
 * only on a cache miss, and only then are the parsing, checking and compiling modules (and
 * wink-nlp with them) loaded.
 */
export async function prepareLexicon(
  selection: PackSelection,
  options: { readonly cacheDir: string | null },
): Promise<PreparedLexicon> {
  const { cacheDir } = options;
  const files = [
    ...(selection.builtinLexicons ? builtinPackFiles() : []),
    ...packFilesOf(selection.lexicons),
  ];
  let key: string | null = null;
  if (cacheDir !== null) {
    try {
      key = compiledLexiconKey(files, {
        purpose: 'score',
        builtin: String(selection.builtinLexicons),
        lexicons: JSON.stringify(selection.lexicons),
      });
    } catch {
      // The cache only saves time: a key that cannot be made means compiling.
    }
  }
  const { value, hit } = await cachedOrBuilt(key === null ? null : cacheDir, key ?? '', async () => {
    const [{ selectPacks }, { compileLexicon }] = await Promise.all([
      import('../lexicon/select.ts'),
      import('../match/compile.ts'),
    ]);
    const selected = selectPacks(selection);
    return { issues: selected.issues, lexicon: compileLexicon(selected.usable) };
  });
  return { ...value, cached: hit };
}
