import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';

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
 * One wink-nlp instance per pipeline and process. Loading the model takes ~150 ms and ~60 MB, so
 * it is loaded lazily (the CLI's --help never pays for it) and shared by every analyzer.
 */
const instances = new Map<WinkPipeline, WinkNlp>();

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
 */
function makeTokenizationStateless(nlp: WinkNlp): void {
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
}

/** Whether this thread has loaded the model (a run with worker threads must not, in its main thread). */
export function winkLoaded(): boolean {
  return instances.size > 0;
}

export function wink(pipeline: WinkPipeline = 'full'): WinkNlp {
  let instance = instances.get(pipeline);
  if (instance === undefined) {
    if (pipeline !== 'full' && pipeline !== 'lexical')
      throw new Error(`wink: expecting the pipeline "full" or "lexical", instead found ${String(pipeline)}`);
    instance = pipeline === 'full' ? winkNLP(model) : winkNLP(model, LEXICAL_PIPE);
    makeTokenizationStateless(instance);
    instances.set(pipeline, instance);
  }
  return instance;
}
