/**
 * Stop words left out of fingerprints, term counts and keyness. A short closed-class list
 * (articles, pronouns, auxiliaries, prepositions, conjunctions, common adverbs) plus reporting
 * verbs ("said", "says"), which every news story uses and which would otherwise dominate both
 * similarity and keyness without telling stories or outlets apart. Listed in docs/comparison.md.
 */
const WORDS = `a about above after again against all also am an and any are aren't as at be because been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during
each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's me more most mustn't
my myself no nor not now of off on once only or other ought our ours ourselves out over own same shan't she she'd
she'll she's should shouldn't so some such than that that's the their theirs them themselves then there there's
these they they'd they'll they're they've this those through to too under until up upon us very was wasn't we we'd
we'll we're we've were weren't what what's when when's where where's which while who who's whom why why's will with
won't would wouldn't you you'd you'll you're you've your yours yourself yourselves 's s said say says saying told
tell mr mrs ms may might must shall also would could per via among amid whether yet however`;

export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

/** Folds curly apostrophes so that "it’s" and "it's" are the same stop word. */
export function isStopWord(normal: string): boolean {
  return STOP_WORDS.has(normal.includes('’') ? normal.replace(/’/g, "'") : normal);
}
