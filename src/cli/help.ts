/** Help texts: kept apart from the commands so that `--help` loads no NLP model. */

export const MAIN_HELP = `framescope: how news articles frame a story and how they source it

Usage:
  framescope <command> [options]

Commands:
  analyze <input>        analyse a corpus and write CSV and Markdown reports
  lexicon check|list|export [packs...]
                         check, list or export lexicon packs
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
  framescope lexicon check my-pack.yaml

Exit codes: 0 done, 1 done with data problems listed in issues.csv, 2 could not run.
`;

export const ANALYZE_HELP = `framescope analyze <input> --out <dir> [options]

<input> is a folder of .txt, .md and .html files (read recursively), a .csv or .jsonl file, a single
text file, or - for standard input.

Options:
  --out <dir>            output folder (required); written atomically
  --metadata <csv>       sidecar CSV joined on file name or id (outlet, date, url, group, ...)
  --metadata-key <col>   the sidecar column naming the article (default: file, filename, id or path)
  --text-column <name>   CSV/JSONL column holding the text (default: text)
  --id-column <name>     CSV/JSONL column holding the id (default: id; else the record number)
  --format <fmt>         auto | folder | csv | jsonl | txt | md | html (default: auto; for stdin: txt)
  --lexicon <file>       an extra lexicon pack (YAML, LIWC .dic, quanteda YAML, CSV); repeatable
  --no-builtin-lexicons  use only the packs given with --lexicon
  --max-bytes <n>        skip inputs larger than n bytes (default: 20971520 = 20 MB)
  --raw-csv              do not neutralise spreadsheet formulas in CSV cells (for R/pandas)
  --force                replace an existing --out folder that framescope did not write
  --strict               exit 1 on any problem, warnings and notes included
  --quiet                no progress on stderr
  --jobs <n>             worker threads (default: every core); outputs do not depend on it
  --shard <i/n>          analyse shard i of n (by a hash of the article id); combine the shards'
                         folders with "framescope merge" (see docs/cluster.md)
  --group-by <column>    compare articles within groups of this metadata column
                         (default: "event" when present, else clusters of articles about one story)
  --one-group            compare all articles as one group
  --by <column>          group figures (groups.csv) per value of this column (default: outlet)
  --html                 write an HTML view of each article (html/), hits highlighted by voice
  --latex                write LaTeX (booktabs) tables of the comparison and group figures (tables/)
  --json                 also write the whole run as one JSON document (results.json); results.ndjson,
                         one article per line, is always written
  -h, --help             this help

Outputs: articles.csv, matches.csv, attributions.csv, structure.csv, issues.csv, reuse.csv,
discrepancies.csv, keyness.csv, choices.csv, groups.csv, scores_long.csv,
results.ndjson, report.md, comparison.md, charts/*.svg, run-data.ndjson (for merge), manifest.json
(see docs/outputs.md).

Examples:
  framescope analyze ../shared/corpus/seeds --metadata ../shared/corpus/seeds/metadata.csv --out out
  framescope analyze corpus.csv --text-column body --out out --strict
`;
