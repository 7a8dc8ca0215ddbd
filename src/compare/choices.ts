import { compareText } from '../order.ts';
import type { Group } from './grouping.ts';
import type { SummaryStore } from './store.ts';

/**
 * Which of a set of competing terms each article of a group used ("Ukraine crisis" or "war in
 * Ukraine"), from the term-choice rows of each summary.
 */

export interface ChoiceRow {
  readonly group: string;
  readonly set: string;
  readonly article: string;
  readonly term: string;
  readonly count: number;
}

export function termChoiceRowsOf(group: Group, store: SummaryStore): ChoiceRow[] {
  const rows: ChoiceRow[] = [];
  for (const m of group.members) {
    const choices = store.termChoices(m);
    if (choices.length === 0) continue;
    const article = store.id(m);
    for (const c of choices)
      if (c.count > 0) rows.push({ group: group.id, set: c.set, article, term: c.term, count: c.count });
  }
  return rows.sort(
    (a, b) => compareText(a.set, b.set) || compareText(a.article, b.article) || compareText(a.term, b.term),
  );
}
