import type { GroupComparison } from '../compare/index.ts';
import type { KeyTerm } from '../compare/keyness.ts';
import { csvHeaderLine, csvRows } from './csv.ts';
import type { OutputOptions } from './outputOptions.ts';
import {
  CHOICES_HEADER,
  type ComparisonView,
  DISCREPANCY_HEADER,
  KEYNESS_HEADER,
  choiceRow,
  comparisonMarkdownParts,
  discrepancyRows,
  keynessRow,
} from './sections/comparison.ts';
import { joinedLines, trimmedEnd } from './streamText.ts';

/**
 * The writers of the files with a part per comparison group. A long run computes each group's
 * findings as it reaches the group and forgets them once written (see compareStore), so these
 * writers take one group at a time: the run opens each, hands it every group in the grouping's
 * order, then asks for the text that ends the file.
 */

/** One file being written group by group. */
export interface GroupFileParts {
  readonly head: string;
  group(g: GroupComparison): string;
  /** The text after the last group; `outletKeyness` is each outlet against the rest of the corpus. */
  tail(outletKeyness: readonly KeyTerm[]): string;
}

export interface GroupFileWriter {
  readonly file: string;
  open(options: OutputOptions): GroupFileParts;
}

/** `discrepancies.csv`: one row per mention of every fact that disagrees, numbered across the run. */
export const discrepanciesCsv: GroupFileWriter = {
  file: 'discrepancies.csv',
  open(o) {
    let number = 0;
    return {
      head: csvHeaderLine(DISCREPANCY_HEADER, o),
      group: (g) =>
        g.discrepancies.map((d) => csvRows(DISCREPANCY_HEADER, discrepancyRows(d, ++number), o)).join(''),
      tail: () => '',
    };
  },
};

/** `keyness.csv`: each article's distinctive words against its group, then each outlet's against the corpus. */
export const keynessCsv: GroupFileWriter = {
  file: 'keyness.csv',
  open: (o) => ({
    head: csvHeaderLine(KEYNESS_HEADER, o),
    group: (g) => csvRows(KEYNESS_HEADER, g.keyness.map(keynessRow), o),
    tail: (outletKeyness) => csvRows(KEYNESS_HEADER, outletKeyness.map(keynessRow), o),
  }),
};

/** `choices.csv`: which of competing terms each article of a group used. */
export const choicesCsv: GroupFileWriter = {
  file: 'choices.csv',
  open: (o) => ({
    head: csvHeaderLine(CHOICES_HEADER, o),
    group: (g) => csvRows(CHOICES_HEADER, g.choices.map(choiceRow), o),
    tail: () => '',
  }),
};

export const GROUP_FILE_WRITERS: readonly GroupFileWriter[] = [discrepanciesCsv, keynessCsv, choicesCsv];

/**
 * `comparison.md`, a group at a time as the view's groups are read: the run hands each group to
 * the group files as comparison.md reaches it.
 */
export function* comparisonMd(
  view: ComparisonView,
  sideBySide: readonly string[],
  digits: number,
): Generator<string> {
  yield* joinedLines(trimmedEnd(comparisonMarkdownParts(view, { figureColumns: sideBySide, digits })));
  yield '\n';
}
