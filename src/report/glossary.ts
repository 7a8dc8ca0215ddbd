/**
 * The glossary that ends report.md: the words of the reports a reader outside the project would
 * not know, or would read in another sense, in alphabetical order.
 */
export const GLOSSARY: readonly (readonly [term: string, meaning: string])[] = [
  [
    'attribution',
    'a statement the article gives to a source: "X said", "according to X", a quotation with its speaker, a citation "(X, 2020)" or a link. One row of `attributions.csv` each.',
  ],
  [
    'Benjamini-Hochberg adjusted p',
    'a p-value corrected for testing many words at once, so that among the words called distinctive below 0.05, at most about 5% are expected to be so by chance (the false discovery rate).',
  ],
  [
    'bootstrap 95% interval',
    'the range of a mean (or median) over 2,000 resamples of the articles with replacement, 2.5th to 97.5th percentile; shown where a group has two articles or more.',
  ],
  [
    'distinctive words (keyness)',
    'words an article or outlet uses more than its reference (the rest of its group, or of the corpus), tested with G2.',
  ],
  [
    'furniture',
    'lines of a page that are not the article: navigation, captions, share and promotion lines, copyright and reprint notices, author notes. Listed with their reason and left out of every count.',
  ],
  [
    'G2',
    'the log-likelihood statistic of a word count in a target against a reference (Rayson & Garside 2000); 3.84 is p = 0.05 with one degree of freedom.',
  ],
  [
    'hit',
    'one occurrence of a lexicon entry (a word or phrase of a pack) in an article. One row of `matches.csv` each.',
  ],
  [
    'index',
    'a composite figure over several lexicon categories (state-media register, evaluative intensity, hedging), declared in the packs; formulas in the methods section.',
  ],
  [
    'lexicon pack',
    'a versioned list of words and phrases by category, each with a rationale and evidence (`lexicons/`).',
  ],
  ['rate', 'hits per 1,000 scored words, so that long and short articles compare.'],
  [
    'reuse',
    'one article copying (identical text) or rewriting another: aligned sentences of high similarity.',
  ],
  [
    'scored words',
    'the word and number tokens of an article outside its furniture, byline, date line and reference list: the denominator of every rate (`word_count`).',
  ],
  [
    'source type',
    'what kind of source an attribution cites: official, expert, state media, wire, news outlet, social media, document, vague (an unnamed source: "critics say"), other or unknown.',
  ],
  [
    'story group',
    'the articles compared with each other: a value of `--group-by` (default `event`), or a cluster of articles about one story (`story_group` in `articles.csv`).',
  ],
  [
    'voice',
    'who speaks a word: the authorial voice is the outlet speaking in its own name, outside quotation marks and outside what it attributes to a source (the indexes count hits in this voice); the quoted voice is inside quotation marks; the attributed voice is the content of an attribution without quotation marks.',
  ],
];

/** The glossary as Markdown: one definition list item per term. */
export function glossarySection(): string {
  return GLOSSARY.map(([term, meaning]) => `- **${term}**: ${meaning}`).join('\n');
}
