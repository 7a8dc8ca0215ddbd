import { stagePack } from '../lexicon/stagePacks.ts';
import type { Pack } from '../lexicon/types.ts';

/**
 * The event-kinds pack (`lexicons/event-kinds.yaml`, `kind: facts`): alternative descriptions of
 * an exchange between leaders. The framing engine skips packs of kind `facts`; the comparison reads
 * this one to say how each article describes the event. The lexicon engine reads and checks the
 * pack (lexicon/stagePacks.ts); `eventKindsOf` turns it into the words this stage matches.
 */

export interface EventKindEntry {
  readonly id: string;
  /** e.g. `event-kind.remote.video`: the channel, so a report can say whether two descriptions differ in kind. */
  readonly category: string;
  /** Each pattern as lower-case words (hyphens split like spaces). */
  readonly patterns: readonly (readonly string[])[];
  readonly pos: string | null;
  /** A description that names no channel ("talks"): never reported as an alternative. */
  readonly generic: boolean;
}

export interface EventKindLexicon {
  readonly pack: string;
  readonly entries: readonly EventKindEntry[];
}

/** The event kinds of a `facts` pack (pure). */
export function eventKindsOf(pack: Pack): EventKindLexicon {
  const entries = pack.entries.map((e) => ({
    id: e.id,
    category: e.category,
    patterns: e.patterns.map((p) =>
      p.text
        .toLowerCase()
        .split(/[\s\-–—]+/)
        .filter(Boolean),
    ),
    pos: e.pos.length > 0 ? (e.pos[0] as string) : null,
    generic: e.extra['generic'] === true,
  }));
  return { pack: pack.pack || 'event-kinds', entries };
}

/** The built-in event kinds. */
export function loadEventKinds(): EventKindLexicon {
  return eventKindsOf(stagePack('eventKinds'));
}
