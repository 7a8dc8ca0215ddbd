import { stagePack } from '../lexicon/stagePacks.ts';
import type { Pack } from '../lexicon/types.ts';
import type { AttributionChannel } from '../types.ts';
import { type SourceLexicon, patternSource, sourceHits } from './sourceLexicon.ts';

/**
 * Through which channel a source spoke, apart from what kind of source it is: Trump posting on
 * Truth Social is an official whose channel is social media. Read from the attribution's sentence
 * outside its content: a platform (known-sources `source.social-media`), a wire or state agency or
 * an outlet named beside a speaker who is not that outlet ("told Reuters", "told The Huffington
 * Post"), or a phrase of the channels pack ("in a statement", "told reporters", "in an interview",
 * "in a letter").
 */

export type ChannelKind = AttributionChannel['kind'];

export interface ChannelLexicon {
  /** One regex per channel, in the order they are tried. */
  readonly phrases: ReadonlyArray<{ readonly kind: ChannelKind; readonly regex: RegExp }>;
}

/** Phrase channels, most specific first: an interview's "told the BBC" outranks a "briefing" in it. */
const PHRASE_ORDER: readonly ChannelKind[] = ['interview', 'press-conference', 'statement', 'document'];

/** The channel phrases of a channels pack (`kind: sources`). Throws, naming the entry, on an unknown category. */
export function channelsOf(pack: Pack): ChannelLexicon {
  const byKind = new Map<ChannelKind, string[]>();
  for (const e of pack.entries) {
    const kind = e.category.replace(/^channel\./, '');
    if (!(PHRASE_ORDER as readonly string[]).includes(kind))
      throw new Error(
        `${pack.file}:${e.line}: expecting a category channel.${PHRASE_ORDER.join('/channel.')}, instead found "${e.category}" in entry ${e.id}`,
      );
    const list = byKind.get(kind as ChannelKind) ?? [];
    for (const p of e.patterns) list.push(patternSource(p.text).source);
    byKind.set(kind as ChannelKind, list);
  }
  return {
    phrases: PHRASE_ORDER.filter((k) => byKind.has(k)).map((kind) => ({
      kind,
      regex: new RegExp(
        `(?<![\\p{L}\\p{N}])(?:${(byKind.get(kind) as string[]).join('|')})(?![\\p{L}\\p{N}])`,
        'iu',
      ),
    })),
  };
}

let cached: ChannelLexicon | null = null;
/** The built-in channels pack, read once per thread. */
export function channelLexicon(): ChannelLexicon {
  cached ??= channelsOf(stagePack('channels'));
  return cached;
}

/** Platform words that name a kind of post, not the platform itself. */
const POST_WORDS = /^(post|posts|blog|tweet|social media|social media platform)$/i;

/**
 * The channel of a statement: `around` is the sentence outside the statement's content, `source`
 * the source phrase as written (an outlet there is the speaker, not its channel), `posted` whether
 * the statement was found to be a post (a cue like "tweeted", or the speaker's post just before).
 */
export function channelOf(
  lexicon: SourceLexicon,
  channels: ChannelLexicon,
  around: string,
  source: string,
  posted: boolean,
): AttributionChannel | null {
  const hits = sourceHits(lexicon, around);
  const platform = hits.find(
    (h) => h.clue === 'social-media' && !POST_WORDS.test(around.slice(h.start, h.end)),
  );
  if (platform) return { kind: 'social-media', platform: around.slice(platform.start, platform.end) };
  if (posted) return { kind: 'social-media', platform: null };
  const sourceOutlets = new Set(
    sourceHits(lexicon, source).map((h) => source.slice(h.start, h.end).toLowerCase()),
  );
  for (const h of hits) {
    if (sourceOutlets.has(around.slice(h.start, h.end).toLowerCase())) continue;
    if (h.clue === 'wire' || h.clue === 'state-media') return { kind: 'news-agency', platform: null };
  }
  for (const { kind, regex } of channels.phrases) if (regex.test(around)) return { kind, platform: null };
  for (const h of hits) {
    if (sourceOutlets.has(around.slice(h.start, h.end).toLowerCase())) continue;
    // A named outlet the speaker told ("told The Huffington Post"), not the generic "newspaper".
    if (h.clue === 'news-outlet' && /^\p{Lu}/u.test(around.slice(h.start)))
      return { kind: 'interview', platform: null };
  }
  return null;
}
