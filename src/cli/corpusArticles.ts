import { type CorpusSource, readCorpus } from '../corpus/index.ts';
import type { CorpusFormat } from '../corpus/readers.ts';
import { formatIssue } from '../lexicon/issues.ts';
import type { Article, Issue } from '../types.ts';
import { corpusInputArgs } from './args.ts';
import type { CliIO } from './io.ts';

/** What the lexicon subcommands write to (the lexicon command's io, which has no terminal flag). */
export type CommandIO = Pick<CliIO, 'stdout' | 'stderr'> & { readonly stdin?: NodeJS.ReadableStream };

/** The options of the lexicon subcommands that read a corpus as analyze does. */
export const READ_OPTIONS = {
  metadata: { type: 'string' },
  'metadata-key': { type: 'string' },
  'text-column': { type: 'string', default: 'text' },
  'id-column': { type: 'string', default: 'id' },
  format: { type: 'string', default: 'auto' },
  'max-bytes': { type: 'string', default: String(20 * 1024 * 1024) },
} as const;

export const READ_OPTIONS_HELP = `  --metadata <csv>       sidecar CSV joined on file name or id (as analyze)
  --metadata-key <col>   the sidecar column naming the article
  --text-column <name>   CSV/JSONL column holding the text (default: text)
  --id-column <name>     CSV/JSONL column holding the id (default: id)
  --format <fmt>         auto | folder | csv | jsonl | txt | md | html (default: auto)
  --max-bytes <n>        skip inputs larger than n bytes (default: 20971520)`;

export interface ReadValues {
  readonly metadata?: string | undefined;
  readonly 'metadata-key'?: string | undefined;
  readonly 'text-column': string;
  readonly 'id-column': string;
  readonly format: string;
  readonly 'max-bytes': string;
}

/**
 * The articles of one corpus input, read as analyze reads them (sidecar metadata joined);
 * skipped inputs and other problems go to `issues` and, for errors, to stderr, so that nothing is
 * left out silently.
 */
export async function* corpusArticles(
  command: string,
  input: string,
  values: ReadValues,
  io: CommandIO,
  issues: Issue[],
): AsyncGenerator<Article> {
  const { format, maxBytes } = corpusInputArgs(command, [input], values);
  const source: CorpusSource = {
    input,
    ...(values.metadata ? { metadata: values.metadata } : {}),
    ...(values['metadata-key'] ? { metadataKey: values['metadata-key'] } : {}),
    ...(io.stdin ? { stdin: io.stdin } : {}),
  };
  const read = {
    format: format as CorpusFormat,
    textColumn: values['text-column'],
    idColumn: values['id-column'],
    maxBytes,
  };
  for await (const item of readCorpus(source, read)) {
    if (item.kind === 'article') yield item.article;
    else {
      issues.push(item.issue);
      if (item.issue.severity === 'error') io.stderr(`framescope ${command}: ${formatIssue(item.issue)}\n`);
    }
  }
}
