import { join } from 'node:path';
import { formatIssue } from './issues.ts';
import { BUILTIN_LEXICON_DIR, readPackFile } from './load.ts';
import type { Pack, PackKind } from './types.ts';

/**
 * The built-in packs that stages read beside the framing packs: the words attribution and the
 * comparison work with, kept as data like every other word list. Each is read, checked and hashed
 * by the same engine as the framing packs (every run checks them with its other packs and lists
 * them in manifest.json and in the methods section; `lexicon check` checks them), and each stage
 * turns its pack into what it matches with (attribution/sourceLexicon.ts, compare/eventKinds.ts,
 * compare/factWords.ts).
 */
export const STAGE_PACKS = {
  /** Outlets, platforms, titles and vague nouns that type a cited source (attribution). */
  knownSources: { file: 'sources/known-sources.yaml', kind: 'sources' },
  /** Verbs of saying proper, which report speech without "that" (attribution). */
  speechVerbs: { file: 'sources/speech-verbs.yaml', kind: 'sources' },
  /** Words that give a person's gender, family names written first, time words (attribution). */
  personCues: { file: 'sources/person-cues.yaml', kind: 'sources' },
  /** Phrases that tell through which channel a source spoke (attribution). */
  channels: { file: 'sources/channels.yaml', kind: 'sources' },
  /** Cue verbs, neutral or loaded (attribution); also counted as a framing pack. */
  reportVerbs: { file: 'report-verbs.yaml', kind: 'framing' },
  /** Descriptions of a diplomatic exchange by channel (comparison: facts that disagree). */
  eventKinds: { file: 'event-kinds.yaml', kind: 'facts' },
  /** Titles, event verbs and units that the facts of an article are read with (comparison). */
  factWords: { file: 'fact-words.yaml', kind: 'facts' },
} as const satisfies Record<string, { readonly file: string; readonly kind: PackKind }>;

export type StagePackName = keyof typeof STAGE_PACKS;

/** The stages' packs by name. */
export type StagePacks = { readonly [K in StagePackName]: Pack };

/**
 * Reads one pack a stage depends on. A stage cannot work around a broken word list, so an error
 * of reading throws, naming the file, line and fix. Its patterns are checked with the run's other
 * packs (select.ts) and by `lexicon check`: checking compiles them, which needs the NLP model,
 * and a stage that reads a pack (in a thread that analyses no text, say) must not load it.
 */
export function readStagePack(path: string, kind: PackKind): Pack {
  const packs = readPackFile(path);
  const pack = packs[0];
  if (packs.length !== 1 || pack === undefined)
    throw new Error(`${path}: expecting one lexicon pack, instead found ${packs.length}`);
  const errors = pack.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map(formatIssue).join('\n'));
  if (pack.kind !== kind)
    throw new Error(`${path}: expecting a pack of kind ${kind}, instead found kind ${pack.kind}`);
  return pack;
}

const loaded = new Map<StagePackName, Pack>();

/** A built-in stage pack, read once per thread. */
export function stagePack(name: StagePackName): Pack {
  let pack = loaded.get(name);
  if (pack === undefined) {
    const { file, kind } = STAGE_PACKS[name];
    pack = readStagePack(join(BUILTIN_LEXICON_DIR, file), kind);
    loaded.set(name, pack);
  }
  return pack;
}

/** Every built-in stage pack. */
export function loadStagePacks(): StagePacks {
  return Object.fromEntries(
    (Object.keys(STAGE_PACKS) as StagePackName[]).map((name) => [name, stagePack(name)]),
  ) as unknown as StagePacks;
}

/** The files of the stage packs (for the compiled-lexicon cache's key). */
export function stagePackFiles(): string[] {
  return Object.values(STAGE_PACKS).map(({ file }) => join(BUILTIN_LEXICON_DIR, file));
}
