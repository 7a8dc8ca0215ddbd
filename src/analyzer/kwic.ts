import { type SourceLexicon, loadSourceLexicon } from '../attribution/index.ts';
import { type CorpusSource, readCorpus } from '../corpus/index.ts';
import type { NotAnArticle } from '../corpus/items.ts';
import type { ReadOptions } from '../corpus/readers.ts';
import { type CompiledLexicon, compileLexicon } from '../lexicon/compile.ts';
import type { MatchMode, Pack } from '../lexicon/types.ts';
import type { Document, Issue, Match } from '../types.ts';
import { readArticle } from './readArticle.ts';

/**
 * Keyword in context: every hit of one lexicon pattern (the syntax and matcher of the packs) with
 * the words around it and the voice it comes from. `framescope kwic` prints these lines; the
 * library yields them.
 */

export interface KwicOptions {
  /** Words of context on each side. */
  readonly window: number;
  readonly match: MatchMode;
  readonly caseSensitive: boolean;
}

export const DEFAULT_KWIC_OPTIONS: KwicOptions = Object.freeze({
  window: 8,
  match: 'lemma',
  caseSensitive: false,
});

/** A one-entry pack holding the pattern, so that kwic runs exactly the matcher of the packs. */
export function kwicPack(pattern: string, match: MatchMode, caseSensitive: boolean): Pack {
  return {
    pack: 'kwic',
    kind: 'framing',
    version: '1.0.0',
    description: 'kwic pattern',
    licence: '',
    citation: '',
    file: '<kwic pattern>',
    issues: [],
    entries: [
      {
        id: 'kwic',
        line: 1,
        category: 'kwic',
        patterns: [{ text: pattern, line: 1 }],
        weight: 1,
        rationale: 'kwic',
        evidence: 'kwic',
        match,
        exclude: [],
        pos: [],
        caseSensitive,
        choice: null,
        term: null,
        extra: {},
      },
    ],
  };
}

/** The pattern compiled, or the problems that keep it from compiling. */
export function compileKwicPattern(
  pattern: string,
  options: Partial<KwicOptions> = {},
): { readonly lexicon: CompiledLexicon | null; readonly issues: readonly Issue[] } {
  const { match, caseSensitive } = { ...DEFAULT_KWIC_OPTIONS, ...options };
  const lexicon = compileLexicon([kwicPack(pattern, match, caseSensitive)]);
  return lexicon.patterns.length === 0 ? { lexicon: null, issues: lexicon.issues } : { lexicon, issues: [] };
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** One concordance line: id, line:column, `window` tokens either side within the article. */
export function kwicLine(id: string, doc: Document, m: Match, window: number): string {
  const { start, end, count } = doc.tokens;
  const from = Math.max(0, m.firstToken - window);
  const to = Math.min(count, m.endToken + window);
  const left = from < m.firstToken ? doc.text.slice(start[from] as number, m.start) : '';
  const right = to > m.endToken ? doc.text.slice(m.end, end[to - 1] as number) : '';
  return `${id}\t${m.line}:${m.column}\t${oneLine(left)} | ${oneLine(m.text)} | ${oneLine(right)}`;
}

/** What `kwic` yields: each hit with its line, each article read, and whatever was not an article. */
export type KwicItem =
  | { readonly kind: 'hit'; readonly articleId: string; readonly match: Match; readonly line: string }
  | { readonly kind: 'article'; readonly articleId: string }
  | NotAnArticle;

/** Every hit of the compiled pattern in the inputs, read with `read` as analyze reads them, in input order (see `compileKwicPattern`). */
export async function* kwic(
  lexicon: CompiledLexicon,
  inputs: readonly (string | CorpusSource)[],
  window: number = DEFAULT_KWIC_OPTIONS.window,
  read: Partial<ReadOptions> = {},
): AsyncGenerator<KwicItem> {
  // The source lexicon is loaded once, and only when an article needs its voice.
  let sources: SourceLexicon | null = null;
  for (const input of inputs)
    for await (const item of readCorpus(typeof input === 'string' ? { input } : input, read)) {
      if (item.kind !== 'article') {
        yield item;
        continue;
      }
      sources ??= loadSourceLexicon();
      const { id } = item.article;
      const { doc, matches } = readArticle(item.article, lexicon, sources);
      yield { kind: 'article', articleId: id };
      for (const m of matches)
        yield { kind: 'hit', articleId: id, match: m, line: kwicLine(id, doc, m, window) };
    }
}
