/**
 * The evaluative part of the transfer evaluation: `index_evaluative_intensity` as articles.csv
 * shows it, on BABE sentences (ROC-AUC against the experts' label, on the whole dev split and on
 * its two halves) and on BASIL articles (per-article Spearman with the annotators' loaded-wording
 * spans outside quotes per 1,000 words; the three outlets' ranking). Prototype formulas learn on
 * one BABE half and are reported on the other, and on BASIL after learning on all of BABE.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  builtinMatcher,
  fixed,
  loadBabe,
  loadBasil,
  repoRoot,
  rocAuc,
  spearman,
  splitHalves,
} from './eval-lib.ts';
import { authorialBag, quotedRanges, registryFigures, transferCacheKey } from './transfer-lib.ts';

/** One BABE sentence or BASIL article as the evaluative formulas see it. */
export interface EvalItem {
  readonly data: 'babe' | 'basil';
  readonly id: string;
  readonly outlet: string;
  /** BABE: the experts' `Biased` label. */
  readonly biased: boolean;
  /** BASIL: loaded-wording spans outside quotes (the annotators'). */
  readonly lex: number;
  readonly words: number;
  /** Every index of the registry as articles.csv shows it (0 without scored words). */
  readonly figures: Readonly<Record<string, number>>;
  /** Hits per entry (`pack/entry`) that `index_evaluative_intensity` counts: [authorial, any voice]. */
  readonly hits: Readonly<Record<string, readonly [number, number]>>;
  /** Of those, the hits in reported speech (attributed, not quoted), per entry. */
  readonly attributed: Readonly<Record<string, number>>;
  /** The scored words in the authorial voice (lower-case normal forms) and their counts. */
  readonly bag: Readonly<Record<string, number>>;
}

export function readEvalItems(log: (s: string) => void): EvalItem[] {
  const dir = join(repoRoot, 'tmp', 'transfer-cache');
  const file = join(dir, `evaluative-${transferCacheKey('evaluative-v3')}.json`);
  if (existsSync(file)) {
    log(`evaluative items read back from ${file}`);
    return JSON.parse(readFileSync(file, 'utf8')) as EvalItem[];
  }
  const matcher = builtinMatcher();
  const counts = matcher.feeds('index_evaluative_intensity');
  const basil = loadBasil() ?? [];
  const texts = [
    ...loadBabe().map((r, i) => ({
      data: 'babe' as const,
      id: `babe-${i}`,
      outlet: r.outlet,
      biased: r.biased,
      lex: 0,
      text: r.text,
    })),
    ...basil.map((a) => ({
      data: 'basil' as const,
      id: a.id,
      outlet: a.outlet.toLowerCase(),
      biased: false,
      lex: a.lexOutsideQuotes,
      text: a.text,
    })),
  ];
  const items = texts.map(({ text, ...t }): EvalItem => {
    const { doc, matches, quotations, attributions, figures } = matcher.read(t.id, text);
    const hits: Record<string, [number, number]> = {};
    const attributed: Record<string, number> = {};
    for (const m of matches) {
      if (!counts(m)) continue;
      const key = `${m.pack}/${m.entryId}`;
      const c = hits[key] ?? [0, 0];
      if (m.voice === 'authorial') c[0]++;
      if (m.voice === 'attributed') attributed[key] = (attributed[key] ?? 0) + 1;
      c[1]++;
      hits[key] = c;
    }
    return {
      ...t,
      words: doc.wordCount,
      figures: registryFigures(figures),
      hits,
      attributed,
      bag: authorialBag(doc, quotedRanges(quotations, attributions)),
    };
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(items));
  return items;
}

/** A score for evaluative items; learned on BABE sentences. */
export interface EvalFormula {
  readonly name: string;
  readonly learn: (training: readonly EvalItem[]) => (item: EvalItem) => number;
}

/** Per-article loaded-wording rate of BASIL's annotators: lex spans outside quotes per 1,000 words. */
const lexRate = (i: EvalItem) => (i.words > 0 ? (1000 * i.lex) / i.words : 0);

function formulaLines(babe: readonly EvalItem[], basil: readonly EvalItem[], f: EvalFormula): string[] {
  const labels = babe.map((i) => i.biased);
  const inA = splitHalves(
    babe.map((i) => i.id),
    labels,
  );
  const half = (want: boolean) => babe.filter((_, k) => inA[k] === want);
  const a = half(true);
  const b = half(false);
  // Learned on one half, reported on the other (a formula without learned parts ignores it).
  const onA = f.learn(b);
  const onB = f.learn(a);
  const aucOf = (items: readonly EvalItem[], score: (i: EvalItem) => number) =>
    rocAuc(
      items.map(score),
      items.map((i) => i.biased),
    );
  const all = f.learn(babe);
  const rho = spearman(basil.map(all), basil.map(lexRate));
  const outlets = [...new Set(basil.map((i) => i.outlet))].sort();
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  const byOutlet = outlets.map((o) => {
    const own = basil.filter((i) => i.outlet === o);
    return { o, score: mean(own.map(all)), lex: mean(own.map(lexRate)) };
  });
  const rank = (key: 'score' | 'lex') =>
    [...byOutlet]
      .sort((x, y) => y[key] - x[key])
      .map((r) => r.o)
      .join(' > ');
  // BASIL halves by event, so that a reader sees how much the figure moves.
  const events = basil.map((i) => i.id.replace(/_\d+$/, ''));
  const inEventA = splitHalves(events, new Array(events.length).fill(true));
  const eventHalf = (want: boolean) => {
    const keep = basil.filter((_, k) => inEventA[k] === want);
    return spearman(keep.map(all), keep.map(lexRate));
  };
  return [
    `### ${f.name}`,
    '',
    `BABE ROC-AUC: half A ${fixed(aucOf(a, onA))}, half B ${fixed(aucOf(b, onB))} (each scored by what was learned on the other half); whole split ${fixed(aucOf(babe, all))}`,
    `BASIL per-article Spearman with lex spans outside quotes per 1,000 words: ${fixed(rho)} (n = ${basil.length}; halves by event ${fixed(eventHalf(true))} / ${fixed(eventHalf(false))})`,
    `BASIL by outlet: index ${rank('score')}; annotators ${rank('lex')} (${byOutlet.map((r) => `${r.o} ${fixed(r.score, 2)} vs ${fixed(r.lex, 2)}`).join(', ')})`,
    '',
  ];
}

export async function evaluativeReport(prototypes: boolean, log: (s: string) => void): Promise<string[]> {
  const items = readEvalItems(log);
  const babe = items.filter((i) => i.data === 'babe');
  const basil = items.filter((i) => i.data === 'basil');
  const formulas: EvalFormula[] = [
    {
      name: 'index_evaluative_intensity (articles.csv)',
      learn: () => (i) => i.figures['index_evaluative_intensity'] ?? 0,
    },
  ];
  if (prototypes) formulas.push(...(await import('./index-prototypes.ts')).evaluativePrototypes());
  return [
    `## Evaluative index: BABE ${babe.length} sentences (${babe.filter((i) => i.biased).length} biased), BASIL ${basil.length} articles`,
    '',
    ...formulas.flatMap((f) => formulaLines(babe, basil, f)),
  ];
}
