# Dictionary scoring with tidytext, the peer of framescope's lexicon matching in the benchmark.
# Usage: Rscript tidytext_score.R <corpus.csv> <lexicon.csv>   (corpus: columns id,text; the bench
# writes it from the JSONL, since Debian's r-cran-tidytext does not pull in jsonlite)
# The lexicon is `word,category` (framescope lexicon export --format tidytext). Entries of n words
# are joined against n-gram tokens; `*`/`?` globs are matched against the distinct words.
suppressPackageStartupMessages({
  library(dplyr)
  library(tidytext)
})
args <- commandArgs(trailingOnly = TRUE)
corpus <- read.csv(args[[1]], stringsAsFactors = FALSE, encoding = "UTF-8")[, c("id", "text")]
lexicon <- read.csv(args[[2]], stringsAsFactors = FALSE)
lexicon$n <- lengths(strsplit(lexicon$word, " ", fixed = TRUE))
is_glob <- grepl("[*?]", lexicon$word)
exact <- lexicon[!is_glob, ]
globs <- lexicon[is_glob, ]

unigrams <- corpus %>% unnest_tokens(word, text)
tokens <- nrow(unigrams)
glob_rows <- NULL
if (nrow(globs) > 0) {
  vocabulary <- unique(unigrams$word)
  glob_rows <- bind_rows(lapply(seq_len(nrow(globs)), function(i) {
    hit <- vocabulary[grepl(glob2rx(globs$word[[i]]), vocabulary)]
    data.frame(word = hit, category = rep(globs$category[[i]], length(hit)), stringsAsFactors = FALSE)
  }))
}
scores <- unigrams %>% inner_join(bind_rows(exact[exact$n == 1, c("word", "category")], glob_rows),
                                  by = "word", relationship = "many-to-many") %>% count(id, category)
for (n in setdiff(unique(exact$n), 1)) {
  grams <- corpus %>% unnest_tokens(word, text, token = "ngrams", n = n)
  scores <- bind_rows(scores, grams %>% inner_join(exact[exact$n == n, c("word", "category")],
                                                   by = "word", relationship = "many-to-many") %>% count(id, category))
}
cat(sprintf('{"articles":%d,"tokens":%d,"hits":%d,"categories":%d}\n', nrow(corpus), tokens,
            as.integer(sum(scores$n)), length(unique(scores$category))))
