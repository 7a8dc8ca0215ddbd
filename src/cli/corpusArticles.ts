import { readCorpus } from '../corpus/index.ts';
import { formatIssue } from '../lexicon/issues.ts';
import type { Article, Issue } from '../types.ts';
import { type ReadValues, corpusSourceOf } from './args.ts';
import type { CliIO } from './io.ts';

/** What the lexicon subcommands write to (the lexicon command's io, which has no terminal flag). */
export type CommandIO = Pick<CliIO, 'stdout' | 'stderr'> & { readonly stdin?: NodeJS.ReadableStream };

/**
 * The articles of one corpus input, read as analyze reads them (the same options, sidecar
 * metadata joined); skipped inputs and other problems go to `issues` and, for errors, to stderr,
 * so that nothing is left out silently.
 */
export async function* corpusArticles(
  command: string,
  input: string,
  values: ReadValues,
  io: CommandIO,
  issues: Issue[],
): AsyncGenerator<Article> {
  const { source, read } = corpusSourceOf(command, input, values, io.stdin);
  for await (const item of readCorpus(source, read)) {
    if (item.kind === 'article') yield item.article;
    else {
      issues.push(item.issue);
      if (item.issue.severity === 'error') io.stderr(`framescope ${command}: ${formatIssue(item.issue)}\n`);
    }
  }
}
