/** Help texts: kept apart from the commands so that `--help` loads no NLP model. */
import { CORPUS_FORMATS } from '../corpus/readers.ts';

/** The input formats, as the reader registry lists them. */
const FORMATS = CORPUS_FORMATS.join(' | ');

/** How a corpus is read: the same options, and the same text, for every command that reads one. */
export const READ_OPTIONS_HELP = `  --text-column <name>   CSV/JSONL column holding the text (default: text)
  --id-column <name>     CSV/JSONL column holding the id (default: id; else the record number)
  --format <fmt>         ${FORMATS} (default: auto; for stdin: txt)
  --max-bytes <n>        skip inputs larger than n bytes (default: 20971520 = 20 MB)`;

/** The metadata sidecar, for the commands that use the articles' metadata. */
export const METADATA_OPTIONS_HELP = `  --metadata <csv>       sidecar CSV joined on file name or id (outlet, date, url, group, ...)
  --metadata-key <col>   the sidecar column naming the article (default: file, filename, id or path)`;

const LEXICON_OPTIONS_HELP = `  --lexicon <file>       an extra lexicon pack (YAML, LIWC .dic, quanteda YAML, CSV); repeatable
  --no-builtin-lexicons  use only the packs given with --lexicon`;

export const MAIN_HELP = `framescope: how news articles frame a story and how they source it

Usage:
  framescope <command> [options]

Commands:
  analyze <input>        analyse a corpus and write CSV and Markdown reports
  score <input>          dictionary scoring: lexicon hits per article and category, as one CSV
  lexicon check|list|export|mine|validate ...
                         check, list or export lexicon packs; mine candidate entries from two
                         corpora; validate packs against labelled articles
  kwic <pattern> <input...>
                         concordance of a lexicon pattern
  agree <coded.csv> <results-dir>
                         agreement with human coders (Krippendorff's alpha, Cohen's kappa)
  merge <dirs...> --out <dir>
                         combine the outputs of shards into what one run writes

Run "framescope <command> --help" for the options of a command.

Examples:
  framescope analyze reports/example-corpus --metadata reports/example-corpus/metadata.csv --out reports/example
  framescope analyze articles.csv --text-column body --id-column url --out out
  cat article.txt | framescope analyze - --out out
  framescope score articles.jsonl --lexicon my-pack.yaml --out scores.csv
  framescope lexicon check my-pack.yaml

Exit codes: 0 done, 1 done with data problems listed in issues.csv, 2 could not run.
`;

export const SCORE_HELP = `framescope score <input> [--out <file.csv>] [options]

Dictionary scoring: counts each article's lexicon hits per category and writes one CSV row per
article and category (article, pack, category, count, word_count), articles in input order,
categories sorted by pack then name. The hits are those "analyze" lists in matches.csv for the
same packs (same tokens, lemmas, spelling folds, exclusions and overlap rules); page furniture,
bylines and references are not counted, and word_count (scored words) is the denominator of a
rate. Without --voice it reads no entities, quotations or attributions, which makes it several
times faster than analyze.

<input> is what analyze reads: a folder of .txt, .md and .html files, a .csv or .jsonl file, a
single text file, or - for standard input.

Options:
  -o, --out <file.csv>   where to write the scores (default: - for standard output); a file is
                         written under a temporary name and renamed once complete
  --issues <file.csv>    also write every problem (skipped inputs, lexicon problems) as CSV, with
                         the columns of analyze's issues.csv
${LEXICON_OPTIONS_HELP}
  --nonzero              only the categories an article has hits of (default: every category,
                         zeros included, so that every scored article has its rows)
  --voice                also count hits per voice (count_authorial, count_attributed,
                         count_quoted); reads quotations and attributions, as analyze does
${READ_OPTIONS_HELP}
  --jobs <n>             worker threads (default: every core, or 1 for an input under 2 MB, where
                         starting workers costs more than it saves); the output does not depend on it
  --no-cache             compile the packs even if a compiled copy is kept: compiled packs are kept
                         in $FRAMESCOPE_CACHE_DIR (default ~/.cache/framescope; "off": none), keyed
                         by the pack files, the options and the framescope code
  --raw-csv              do not neutralise spreadsheet formulas in CSV cells (for R/pandas)
  --force                replace an existing --out or --issues file
  --strict               exit 1 on any problem, warnings and notes included
  --quiet                no progress or summary on stderr (errors are still listed)
  -h, --help             this help

Skipped inputs and other errors are listed on stderr (the first 20) and counted in the summary
line; --issues lists them all. Exit codes: 0 done, 1 done with errors (e.g. skipped inputs),
2 could not run.

Examples:
  framescope score ../shared/data/bbc/bbc_news_2225.jsonl --out scores.csv --issues problems.csv
  framescope score corpus/ --no-builtin-lexicons --lexicon my-pack.yaml --nonzero > scores.csv
`;

export const ANALYZE_HELP = `framescope analyze <input> --out <dir> [options]

<input> is a folder of .txt, .md and .html files (read recursively), a .csv or .jsonl file, a single
text file, or - for standard input.

Options:
  --out <dir>            output folder (required); written atomically
${METADATA_OPTIONS_HELP}
${READ_OPTIONS_HELP}
${LEXICON_OPTIONS_HELP}
  --raw-csv              do not neutralise spreadsheet formulas in CSV cells (for R/pandas)
  --force                replace an existing --out folder that framescope did not write
  --strict               exit 1 on any problem, warnings and notes included
  --quiet                no progress on stderr
  --jobs <n>             worker threads (default: every core, or 1 for an input under 1 MB, where
                         starting workers costs more than it saves); outputs do not depend on it
  --no-cache             check and compile the packs even if a compiled copy is kept (see
                         "framescope score --help"); outputs do not depend on it
  --shard <i/n>          analyse shard i of n (by a hash of the article id); combine the shards'
                         folders with "framescope merge" (see docs/cluster.md)
  --group-by <column>    compare articles within groups of this metadata column
                         (default: "event" when present, else clusters of articles about one story)
  --one-group            compare all articles as one group
  --by <column>          group figures (groups.csv) per value of this column (default: outlet)
  --html                 write an HTML view of each article (html/), hits highlighted by voice
  --latex                write LaTeX tables of the figures per article and per --by value
                         (tables/; booktabs and longtable, split into parts to fit the page)
  --latex-columns <a,b>  the figures of the LaTeX tables (columns of articles.csv; default: the
                         indexes, n_attributions and the main citation shares)
  --digits <n>           significant digits of the numbers in the Markdown, LaTeX and HTML tables
                         (default: 3; CSV and JSON files keep theirs)
  --json                 also write the whole run as one JSON document (results.json); results.ndjson,
                         one article per line, is always written
  -h, --help             this help

Outputs: articles.csv, matches.csv, attributions.csv, structure.csv, issues.csv, reuse.csv,
discrepancies.csv, keyness.csv, choices.csv, groups.csv, groups_long.csv, scores_long.csv,
results.ndjson, report.md, comparison.md, charts/*.svg, run-data.ndjson (for merge), manifest.json
(see docs/outputs.md).

Examples:
  framescope analyze ../shared/corpus/seeds --metadata ../shared/corpus/seeds/metadata.csv --out out
  framescope analyze corpus.csv --text-column body --out out --strict
`;
