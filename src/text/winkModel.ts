import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';

/**
 * The one wink-nlp instance of a process. Loading the model takes ~150 ms and ~60 MB, so it is
 * loaded lazily (the CLI's --help never pays for it) and shared by every analyzer.
 */
let instance: ReturnType<typeof winkNLP> | null = null;

export type WinkNlp = ReturnType<typeof winkNLP>;

export function wink(): WinkNlp {
  instance ??= winkNLP(model);
  return instance;
}
