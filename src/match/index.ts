export { type CompiledLexicon, compileLexicon } from '../lexicon/compile.ts';
export {
  DEFAULT_OVERLAP_POLICY,
  type FindMatchesOptions,
  findMatches,
  type MatchableDocument,
  NEGATION_WINDOW,
  OVERLAP_POLICIES,
  type OverlapPolicy,
} from './find.ts';
export { canonicalSurface, foldSpelling } from '../text/fold.ts';
