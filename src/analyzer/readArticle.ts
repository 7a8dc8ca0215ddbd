import { type SourceLexicon, findAttributions } from '../attribution/index.ts';
import type { CompiledLexicon } from '../lexicon/compile.ts';
import { findMatches } from '../match/index.ts';
import { readDocument } from '../text/document.ts';
import { findQuotations } from '../text/quotes.ts';
import type { Article, Attribution, Document, Match, Quotation } from '../types.ts';

/** An article read through the stages a hit's voice depends on. */
export interface ReadArticle {
  readonly doc: Document;
  readonly quotations: Quotation[];
  readonly attributions: Attribution[];
  /** The lexicon's hits, each with its voice (authorial, quoted, attributed). */
  readonly matches: Match[];
}

/**
 * The one reading of an article that `analyze`, `score --voice` and `kwic` share: the document
 * (tokens, sentences, page structure), its quotations, who it cites (attributions), and the hits
 * of the lexicon with the voice each comes from.
 */
export function readArticle(article: Article, lexicon: CompiledLexicon, sources: SourceLexicon): ReadArticle {
  const doc = readDocument(article);
  const quotations = findQuotations(doc);
  const attributions = findAttributions(doc, quotations, sources);
  const matches = findMatches(doc, lexicon, { quotations, attributions });
  return { doc, quotations, attributions, matches };
}
