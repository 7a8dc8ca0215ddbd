import { escapeRegex } from '../lexicon/pattern.ts';
import { stagePack } from '../lexicon/stagePacks.ts';
import type { Pack } from '../lexicon/types.ts';
import { compareText } from '../order.ts';
import type { SourceType } from '../types.ts';

/**
 * The three packs attribution needs, read and checked by the lexicon engine (lexicon/stagePacks.ts):
 * the known-sources pack (outlets, platforms, title words, document and vague nouns, `kind:
 * sources`), the report-verbs pack (cue verbs, neutral or loaded; the framing engine counts the
 * same file as an ordinary framing pack) and the speech-verbs pack (verbs of saying proper).
 */

/** What a source pattern tells about a source. Titles type the person who bears them. */
export type SourceClue =
  | 'state-media'
  | 'wire'
  | 'news-outlet'
  | 'social-media'
  | 'official-title'
  | 'expert-title'
  | 'business'
  | 'civil-society'
  | 'public-figure'
  | 'citizen'
  | 'document'
  | 'vague';

/** Clues that name an outlet or platform. */
export const OUTLET_CLUES: readonly SourceClue[] = ['state-media', 'wire', 'news-outlet', 'social-media'];
/** Clues that type the person or body bearing them: a title, a role, a body's name. */
export const TITLE_CLUES: readonly SourceClue[] = [
  'official-title',
  'expert-title',
  'business',
  'civil-society',
  'public-figure',
  'citizen',
];

export interface SourceHit {
  readonly clue: SourceClue;
  readonly entryId: string;
  /** Offsets into the searched string. */
  readonly start: number;
  readonly end: number;
}

export interface ReportVerb {
  readonly entryId: string;
  readonly lemma: string;
  readonly category: string;
  readonly loaded: boolean;
  /** `report-verb.neutral.evidence` verbs (show, find) count only after a document-like source. */
  readonly evidenceOnly: boolean;
}

export interface SourceLexicon {
  readonly pack: string;
  readonly version: string;
  /** One regex per clue, all patterns of that clue as alternatives (longest first). */
  readonly clues: ReadonlyArray<CompiledClue & { readonly clue: SourceClue }>;
  /** Single-word cue verbs keyed by lemma. */
  readonly verbs: ReadonlyMap<string, ReportVerb>;
  /** Multi-word cues keyed by their words joined with a space ("according to", "point out"). */
  readonly phrases: ReadonlyMap<string, ReportVerb>;
  /** Lemmas of the verbs of saying proper: they report speech even without "that". */
  readonly coreSpeech: ReadonlySet<string>;
  /**
   * Speakers known by name, in lower case (`source.speaker.<type>` entries): public persons and
   * states, the type of a speaker whose article gives no title ("Tony Blair said", "Nebraska and
   * Oklahoma said"). Matched on the speaker's whole name only, never as a title word inside a
   * phrase, so that a name never hides another.
   */
  readonly persons: ReadonlyMap<string, SourceType>;
}

const PERSON_CATEGORY = 'source.speaker.';

/** A speaker's name as the known-speaker map keys it: "U.S." is "us", "O’Driscoll" "o'driscoll". */
export const speakerKey = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\./g, '')
    .replace(/[\s-]+/g, ' ');
const PERSON_TYPES: ReadonlySet<string> = new Set<SourceType>([
  'official',
  'expert',
  'business',
  'civil-society',
  'public-figure',
  'news-outlet',
]);

const CLUE_OF_CATEGORY: ReadonlyArray<readonly [string, SourceClue]> = [
  ['source.state-media', 'state-media'],
  ['source.wire', 'wire'],
  ['source.news-outlet', 'news-outlet'],
  ['source.social-media', 'social-media'],
  ['source.official-title', 'official-title'],
  ['source.expert-title', 'expert-title'],
  ['source.business', 'business'],
  ['source.civil-society', 'civil-society'],
  ['source.public-figure', 'public-figure'],
  ['source.citizen', 'citizen'],
  ['source.document', 'document'],
  ['source.vague', 'vague'],
];

/** Source type of an attribution whose source carries this clue (titles type their bearer). */
export const TYPE_OF_CLUE: Readonly<Record<SourceClue, SourceType>> = {
  'state-media': 'state-media',
  wire: 'wire',
  'news-outlet': 'news-outlet',
  'social-media': 'social-media',
  'official-title': 'official',
  'expert-title': 'expert',
  business: 'business',
  'civil-society': 'civil-society',
  'public-figure': 'public-figure',
  citizen: 'citizen',
  document: 'document',
  vague: 'vague',
};

/**
 * A pattern as a regex fragment: spaces and hyphens interchangeable, apostrophes straight or
 * curly, a final period optional, `*` a prefix glob. Short all-capital names (AP, RT, X) match
 * only as written, so that "ap" or "x" in running text do not count.
 */
export function patternSource(pattern: string): { source: string; caseSensitive: boolean } {
  const caseSensitive = /^[A-Z]{1,4}$/.test(pattern);
  // An acronym is also written with periods: "CDC" matches "C.D.C.", "UN" matches "U.N.".
  if (caseSensitive && pattern.length > 1)
    return { source: `${pattern.split('').join('\\.?')}(?:\\.(?=\\s|$))?`, caseSensitive };
  const words = pattern.trim().split(/[\s\-–—]+/);
  const source = words
    .map((w) =>
      escapeRegex(w)
        .replace(/\\\*/g, '[\\p{L}\\p{N}]*')
        .replace(/['’]/g, "['’]")
        .replace(/\\\.$/, '\\.?')
        // British and American spellings: organisation/organization, neighbour/neighbor.
        .replace(/i[sz](?=(?:e|es|ed|ing|ation|ations)$)/i, 'i[sz]')
        .replace(/our$/i, 'ou?r'),
    )
    .join('[\\s\\-–—]+');
  return { source, caseSensitive };
}

const keyOf = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\s\-–—]+/g, ' ')
    .replace(/’/g, "'")
    .replace(/\.$/, '');

interface CompiledClue {
  readonly regex: RegExp;
  /** Normalised pattern -> entry id. */
  readonly ids: ReadonlyMap<string, string>;
  /** Short capitalised names that count only as written (AP, RT, X), by normalised key. */
  readonly exact: ReadonlyMap<string, string>;
}

function compileClue(patterns: ReadonlyArray<readonly [string, string, boolean]>): CompiledClue {
  const ids = new Map<string, string>();
  const exact = new Map<string, string>();
  const parts = [...patterns]
    .sort((a, b) => b[0].length - a[0].length || compareText(a[0], b[0]))
    .map(([p, id, asWritten]) => {
      ids.set(keyOf(p), id);
      const { source, caseSensitive } = patternSource(p);
      if (caseSensitive || asWritten) exact.set(keyOf(p), p.replace(/\.$/, ''));
      return source;
    });
  return {
    regex: new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join('|')})(?![\\p{L}\\p{N}])`, 'giu'),
    ids,
    exact,
  };
}

/** The packs a source lexicon is made of (see `sourceLexiconOf`). */
export interface SourcePacks {
  readonly knownSources: Pack;
  readonly reportVerbs: Pack;
  readonly speechVerbs: Pack;
}

/** The source lexicon of the built-in packs. */
export function loadSourceLexicon(): SourceLexicon {
  return sourceLexiconOf({
    knownSources: stagePack('knownSources'),
    reportVerbs: stagePack('reportVerbs'),
    speechVerbs: stagePack('speechVerbs'),
  });
}

/** The source lexicon of three packs, compiled for attribution (pure). */
export function sourceLexiconOf(packs: SourcePacks): SourceLexicon {
  const sources = packs.knownSources;
  const verbsPack = packs.reportVerbs;
  const byClue = new Map<SourceClue, Array<readonly [string, string, boolean]>>();
  const persons = new Map<string, SourceType>();
  for (const e of sources.entries) {
    if (e.category.startsWith(PERSON_CATEGORY)) {
      const type = e.category.slice(PERSON_CATEGORY.length);
      if (!PERSON_TYPES.has(type))
        throw new Error(
          `expected ${PERSON_CATEGORY}<${[...PERSON_TYPES].join('|')}>, found "${e.category}" in entry ${e.id}`,
        );
      for (const p of e.patterns) persons.set(speakerKey(p.text), type as SourceType);
      continue;
    }
    const found = CLUE_OF_CATEGORY.find(
      ([prefix]) => e.category === prefix || e.category.startsWith(`${prefix}.`),
    );
    if (!found)
      throw new Error(
        `expected a source.* category of ${CLUE_OF_CATEGORY.map((c) => c[0]).join(', ')}, found "${e.category}" in entry ${e.id}`,
      );
    const list = byClue.get(found[1]) ?? [];
    for (const p of e.patterns) list.push([p.text, e.id, e.caseSensitive]);
    byClue.set(found[1], list);
  }
  const clues = CLUE_OF_CATEGORY.filter(([, clue]) => byClue.has(clue)).map(([, clue]) => ({
    clue,
    ...compileClue(byClue.get(clue) as Array<readonly [string, string, boolean]>),
  }));
  const verbs = new Map<string, ReportVerb>();
  const phrases = new Map<string, ReportVerb>();
  for (const e of verbsPack.entries) {
    if (!e.category.startsWith('report-verb.')) continue;
    for (const p of e.patterns) {
      const lemma = p.text.toLowerCase().trim();
      const verb: ReportVerb = {
        entryId: e.id,
        lemma,
        category: e.category,
        loaded: e.category.startsWith('report-verb.loaded'),
        evidenceOnly: e.category.startsWith('report-verb.neutral.evidence'),
      };
      (lemma.includes(' ') ? phrases : verbs).set(lemma, verb);
    }
  }
  const coreSpeech = new Set(
    packs.speechVerbs.entries.flatMap((e) => e.patterns.map((p) => p.text.toLowerCase().trim())),
  );
  return { pack: sources.pack, version: sources.version, clues, verbs, phrases, coreSpeech, persons };
}

/**
 * Hits by searched text: the same short phrases (names, "officials", "the ministry") come back
 * again and again across a corpus, and each search runs every clue's regex. Bounded so that a
 * long run does not grow it without end.
 */
const hitMemo = new WeakMap<SourceLexicon, Map<string, SourceHit[]>>();
const HIT_MEMO_SIZE = 20_000;

/** Every source clue found in a stretch of text, in text order. Callers must not change the result. */
export function sourceHits(lexicon: SourceLexicon, text: string): SourceHit[] {
  let memo = hitMemo.get(lexicon);
  if (!memo) {
    memo = new Map();
    hitMemo.set(lexicon, memo);
  }
  const known = memo.get(text);
  if (known) return known;
  const hits = searchHits(lexicon, text);
  if (memo.size >= HIT_MEMO_SIZE) memo.clear();
  memo.set(text, hits);
  return hits;
}

function searchHits(lexicon: SourceLexicon, text: string): SourceHit[] {
  const hits: SourceHit[] = [];
  for (const { clue, regex, ids, exact } of lexicon.clues) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      const written = m[0];
      // "C.D.C." is the acronym CDC; a short all-capital name counts only as written (not "un").
      const bare = /^(?:\p{Lu}\.)+$/u.test(written) ? written.replace(/\./g, '') : written;
      const key = keyOf(bare);
      const mustBe = exact.get(key);
      if (mustBe !== undefined && bare.replace(/\.$/, '') !== mustBe) continue;
      hits.push({ clue, entryId: ids.get(key) ?? clue, start: m.index, end: m.index + written.length });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  // An agency's name that runs on into another capitalised word names something else: "Rossiya
  // Bakery", "Sputnik V" (a vaccine), "RBC Capital Markets" (a bank).
  for (let i = hits.length - 1; i >= 0; i--) {
    const h = hits[i] as SourceHit;
    if (h.clue !== 'state-media' && h.clue !== 'wire') continue;
    const next = /^\s+(\p{Lu}[\p{L}\p{N}]*)/u.exec(text.slice(h.end));
    if (!next) continue;
    const at = h.end + (next[0].length - (next[1] as string).length);
    if (!hits.some((o) => o !== h && o.start <= at && at < o.end)) hits.splice(i, 1);
  }
  // Where clues overlap ("official" inside "official figures"), the longer one is what was written.
  // Hits are sorted by start, so a hit lies inside a longer one exactly when the earlier hit that
  // reaches furthest (the leftmost of those on a tie) contains it and is longer: one linear sweep.
  const kept: SourceHit[] = [];
  let reach: SourceHit | null = null;
  for (const h of hits) {
    const inside = reach !== null && reach.end >= h.end && reach.end - reach.start > h.end - h.start;
    if (!inside) kept.push(h);
    if (reach === null || h.end > reach.end) reach = h;
  }
  return kept;
}
