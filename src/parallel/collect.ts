import type { CorpusResult } from '../analyzer.ts';
import type { ArticleSummary } from '../compare/summary.ts';
import type { ArticleResult, Issue, SkippedInput } from '../types.ts';

/**
 * Gathers the items of a run into the lists the report builders read, in the order they come.
 * `analyze` and `merge` both go through here, so a merged run lists its issues in exactly the
 * order a single run does (an article's own issues at its place in the input).
 */
export class RunCollector {
  readonly results: ArticleResult[] = [];
  readonly summaries: ArticleSummary[] = [];
  readonly skipped: SkippedInput[] = [];
  readonly issues: Issue[];

  /** `runIssues`: problems of the run as a whole (lexicon packs), listed first. */
  constructor(runIssues: readonly Issue[] = []) {
    this.issues = [...runIssues];
  }

  add(item: CorpusResult): void {
    if (item.kind === 'result') {
      this.results.push(item.result);
      this.summaries.push(item.summary);
      this.issues.push(...item.result.issues);
    } else if (item.kind === 'skipped') {
      this.skipped.push(item.skipped);
      this.issues.push(item.issue);
    } else this.issues.push(item.issue);
  }
}
