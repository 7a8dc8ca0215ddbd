import { createRequire } from 'node:module';

// natural's root module loads database drivers and prints dotenv lines; only its Porter stemmer
// submodule is loaded here.
const require = createRequire(import.meta.url);
const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(word: string): string };

/** Stems repeat across a corpus far more than they vary, so each distinct word is stemmed once. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

/** Porter stem of a lower-cased word (natural's implementation), memoised. */
export function stemOf(normal: string): string {
  let s = cache.get(normal);
  if (s === undefined) {
    s = /[a-z]/.test(normal) ? porter.stem(normal) : normal;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(normal, s);
  }
  return s;
}
