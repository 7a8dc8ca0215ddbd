import { createRequire } from 'node:module';
import type model from 'wink-eng-lite-web-model';
import type winkNLP from 'wink-nlp';

export type WinkNlp = ReturnType<typeof winkNLP>;

/**
 * Which wink-nlp annotations a reading runs. `lexical` runs sentence boundaries and parts of
 * speech only, and reads every text. `full` runs every annotation of the model and is used only
 * where entities are wanted (see `entitiesOf`): the other annotations (entities, negation,
 * sentiment) add marks of their own and change no token, normal form, lemma, tag or sentence, so
 * the lexical reading gives the same tokens at about two thirds of the cost
 * (test/wink-pipelines.test.ts checks it on the example corpus, the seeds and BBC articles).
 */
export type WinkPipeline = 'full' | 'lexical';

const LEXICAL_PIPE = ['sbd', 'pos'];

/**
 * One wink-nlp instance per pipeline and thread. Loading the model takes ~150 ms and ~60 MB, so
 * it is loaded lazily (the CLI's --help never pays for it) and shared by every analyzer.
 */
const instances = new Map<
  WinkPipeline,
  { readonly nlp: WinkNlp; readonly learnt: () => number; readonly known: (word: string) => boolean }
>();

/**
 * wink adds every word it does not know to its cache and never lets go of it (~150 bytes a word):
 * on a large corpus of varied text (names, numbers, misspellings) a thread's memory would grow with
 * the corpus. An instance that has learnt this many words is replaced by a fresh one at the next
 * document (~150 ms), which changes no output, since tokenization is stateless (see below).
 */
const DEFAULT_LEARNT_WORD_LIMIT = 200_000;
let learntWordLimit = DEFAULT_LEARNT_WORD_LIMIT;

/**
 * Sets how many learnt words make an instance be replaced (for tests, which need it small to see
 * it happen); returns the previous limit.
 */
export function setLearntWordLimit(limit: number = DEFAULT_LEARNT_WORD_LIMIT): number {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`setLearntWordLimit: expecting a whole number >= 1, instead found ${limit}`);
  const previous = learntWordLimit;
  learntWordLimit = limit;
  return previous;
}

interface WinkCache {
  lookup(text: string): number[] | null;
  add(text: string, category: number): number;
  intrinsicSize(): number;
  currentSize(): number;
}

/**
 * wink's tokenizer keeps a token whole ("Poor's") when the word is in its cache, and the cache
 * also remembers every out-of-vocabulary word of every document read before. Left alone, the
 * tokens of an article would depend on which articles were read earlier: output would change with
 * input order, --jobs and --shard. Here the tokenizer's lookups see the model's own lexemes and
 * the words met in the current document only, so every article is tokenised as if it were the
 * first one read. Lookups made while wink adds a word (to derive its features) are left alone.
 * Returns how many words the instance has learnt so far.
 */
function makeTokenizationStateless(nlp: WinkNlp): {
  readonly learnt: () => number;
  readonly known: (word: string) => boolean;
} {
  const doc = nlp.readDoc('a');
  let found: WinkCache | null = null;
  // wink calls a mapper with the document's raw data only on its as.text path, which is the one
  // place that hands over the cache object.
  doc.tokens().out(
    ((_index: number, rdd: { cache: WinkCache }) => {
      found = rdd.cache;
      return '';
    }) as never,
    (nlp.as as unknown as { text: never }).text,
  );
  const cache = found as WinkCache | null;
  if (
    cache === null ||
    ['lookup', 'add', 'intrinsicSize', 'currentSize'].some((m) => typeof (cache as never)[m] !== 'function')
  )
    throw new Error(
      'wink-nlp: expecting a cache with lookup(), add(), intrinsicSize() and currentSize(); this wink-nlp version is not supported',
    );
  const intrinsic = cache.intrinsicSize();
  const lookup = cache.lookup;
  const add = cache.add;
  const readDoc = nlp.readDoc;
  let documentStart = intrinsic;
  let adding = false;
  const metInDocument = new Set<number>();
  cache.add = (text, category) => {
    adding = true;
    try {
      const index = add(text, category);
      metInDocument.add(index);
      return index;
    } finally {
      adding = false;
    }
  };
  cache.lookup = (text) => {
    const hit = lookup(text);
    if (adding || hit === null || hit.length !== 1) return hit;
    const index = hit[0] as number;
    // A word learnt from an earlier document is treated as unknown, as it was the first time.
    return index < intrinsic || index >= documentStart || metInDocument.has(index) ? hit : null;
  };
  nlp.readDoc = (text: string) => {
    documentStart = cache.currentSize() + 1;
    metInDocument.clear();
    return readDoc(text);
  };
  return {
    learnt: () => cache.currentSize() - intrinsic,
    known: (word) => {
      const hit = lookup(word);
      return hit !== null && hit.length === 1 && (hit[0] as number) < intrinsic;
    },
  };
}

/**
 * wink-nlp and its model, loaded on the first reading: the model's module alone is ~25 MB, which a
 * thread that never reads a text (the main thread of a run with workers) should not hold.
 */
let library: { readonly winkNLP: typeof winkNLP; readonly model: typeof model } | null = null;

function loadLibrary(): { readonly winkNLP: typeof winkNLP; readonly model: typeof model } {
  if (library === null) {
    const require = createRequire(import.meta.url);
    library = { winkNLP: require('wink-nlp'), model: require('wink-eng-lite-web-model') };
  }
  return library;
}

/**
 * Whether this thread has loaded wink-nlp's model, even without making an instance of it (a run
 * with worker threads must not, in its main thread).
 */
export function winkLoaded(): boolean {
  return library !== null;
}

/**
 * The wink-nlp instance of a pipeline in this thread, a fresh one when the current one has learnt
 * too many words (see DEFAULT_LEARNT_WORD_LIMIT). Callers take it per document and do not keep it.
 */
export function wink(pipeline: WinkPipeline = 'full'): WinkNlp {
  const current = instances.get(pipeline);
  if (current !== undefined && current.learnt() < learntWordLimit) return current.nlp;
  if (pipeline !== 'full' && pipeline !== 'lexical')
    throw new Error(`wink: expecting the pipeline "full" or "lexical", instead found ${String(pipeline)}`);
  // The old instance is dropped before the new one is made, so that both are never held.
  instances.delete(pipeline);
  const { winkNLP, model } = loadLibrary();
  const nlp = pipeline === 'full' ? winkNLP(model) : winkNLP(model, LEXICAL_PIPE);
  instances.set(pipeline, { nlp, ...makeTokenizationStateless(nlp) });
  return nlp;
}

/**
 * Whether a word (as written, or lower-cased) is a lexeme of wink's English model, not one it
 * learnt from a text: "april" and "county" are, "Bolsonaro" and "Laura" are not. Loads the model.
 */
export function isModelWord(word: string): boolean {
  wink('lexical');
  const instance = instances.get('lexical');
  if (!instance) throw new Error('isModelWord: expecting the lexical wink instance to be loaded');
  return instance.known(word) || instance.known(word.toLowerCase());
}
