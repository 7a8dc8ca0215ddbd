"""Dictionary scoring with NLTK, the peer of framescope's lexicon matching in the benchmark.

Usage: python3 nltk_score.py <corpus.jsonl> <lexicon.tsv>
The lexicon is `pattern<TAB>category` (framescope lexicon export --format nltk). Multi-word
entries go through MWETokenizer; `*`/`?` globs are matched against each distinct token once.
No NLTK data is downloaded: the tokenizer is a regex. Prints one JSON line of totals.
"""
import fnmatch
import json
import re
import sys
from collections import Counter

from nltk.tokenize import MWETokenizer, RegexpTokenizer


def main(corpus_path, lexicon_path):
    exact, globs, mwe = {}, [], MWETokenizer(separator=" ")
    with open(lexicon_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            pattern, category = line.rstrip("\n").split("\t")
            words = pattern.split()
            if len(words) > 1:
                mwe.add_mwe(tuple(words))
            if "*" in pattern or "?" in pattern:
                globs.append((re.compile(fnmatch.translate(pattern)), category))
            else:
                exact.setdefault(pattern, []).append(category)
    tokenizer = RegexpTokenizer(r"\w+(?:[-'’]\w+)*|[^\w\s]")
    glob_cache = {}
    articles = tokens = hits = 0
    per_category = Counter()
    with open(corpus_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            text = json.loads(line)["text"].lower()
            words = tokenizer.tokenize(text)
            tokens += len(words)
            counts = Counter()
            for w in mwe.tokenize(words):
                for c in exact.get(w, ()):
                    counts[c] += 1
                if globs:
                    cats = glob_cache.get(w)
                    if cats is None:
                        cats = glob_cache[w] = [c for rx, c in globs if rx.match(w)]
                    for c in cats:
                        counts[c] += 1
            articles += 1
            hits += sum(counts.values())
            per_category.update(counts)
    print(json.dumps({"articles": articles, "tokens": tokens, "hits": hits, "categories": len(per_category)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
