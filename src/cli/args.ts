import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { CorpusSource } from '../corpus/index.ts';
import { CORPUS_FORMATS, type CorpusFormat, type ReadOptions } from '../corpus/readers.ts';
import { OutputFolderError, type OutputRequest, prepareOutputFolder } from '../run/outputFolder.ts';
import { type CliIO, UsageError, asUsageError, noticeTo } from './io.ts';

/**
 * Parses a command's arguments strictly (an unknown option is an error, not ignored); a problem
 * becomes a UsageError that names the command's help, so every command reports it alike.
 */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: O,
) {
  try {
    return parseArgs({ args, allowPositionals: true, strict: true, options });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nRun "framescope ${command} --help" for the options.`);
  }
}

/**
 * The corpus a reading command was given: one input, a known `--format` and a positive
 * `--max-bytes`, each refused as a UsageError naming the command and what it found.
 */
export function corpusInputArgs(
  command: string,
  positionals: readonly string[],
  values: { readonly format: string; readonly 'max-bytes': string },
): { input: string; format: CorpusFormat; maxBytes: number } {
  const input = positionals[0];
  if (input === undefined)
    throw new UsageError(`${command}: expected an input (folder, .csv, .jsonl, text file or -)`);
  if (positionals.length > 1)
    throw new UsageError(
      `${command}: expected one input, found ${positionals.length}: ${positionals.join(' ')}`,
    );
  const format = values.format as CorpusFormat;
  if (!(CORPUS_FORMATS as readonly string[]).includes(format))
    throw new UsageError(
      `${command}: --format expects one of ${CORPUS_FORMATS.join(', ')}, found "${values.format}"`,
    );
  const maxBytes = Number(values['max-bytes']);
  if (!Number.isInteger(maxBytes) || maxBytes <= 0)
    throw new UsageError(
      `${command}: --max-bytes expects a positive whole number, found "${values['max-bytes']}"`,
    );
  return { input, format, maxBytes };
}

/** How every command that reads a corpus reads it (analyze, score, kwic, lexicon mine and validate). */
export const READ_OPTIONS = {
  'text-column': { type: 'string', default: 'text' },
  'id-column': { type: 'string', default: 'id' },
  format: { type: 'string', default: 'auto' },
  'max-bytes': { type: 'string', default: String(20 * 1024 * 1024) },
} as const;

/** The metadata sidecar, for the commands that use the articles' metadata (analyze, lexicon mine and validate). */
export const METADATA_OPTIONS = {
  metadata: { type: 'string' },
  'metadata-key': { type: 'string' },
} as const;

/** The options of every command that reads a corpus and matches lexicons (analyze, score). */
export const CORPUS_OPTIONS = {
  ...READ_OPTIONS,
  lexicon: { type: 'string', multiple: true, default: [] as string[] },
  'no-builtin-lexicons': { type: 'boolean', default: false },
  'no-cache': { type: 'boolean', default: false },
} as const;

/**
 * Checks a command's --out folder before it runs (see prepareOutputFolder): one that is, holds or
 * lies inside an input, or a folder framescope did not write (unless forced), is refused as a
 * usage error (exit 2); what the check did for the user (outputs of an interrupted run put back)
 * is said on stderr.
 */
export function checkOutputArg(
  command: string,
  request: Omit<OutputRequest, 'notice'>,
  io: CliIO,
): Promise<void> {
  return asUsageError(
    `${command}: `,
    () => prepareOutputFolder({ ...request, notice: noticeTo(io) }),
    OutputFolderError,
  );
}

/** The values of READ_OPTIONS and, where the command has them, METADATA_OPTIONS. */
export interface ReadValues {
  readonly metadata?: string | undefined;
  readonly 'metadata-key'?: string | undefined;
  readonly 'text-column': string;
  readonly 'id-column': string;
  readonly format: string;
  readonly 'max-bytes': string;
}

/**
 * Where and how to read one corpus input, from the reading options of any command: the source
 * (input, sidecar, standard input) and the read options, each checked as `corpusInputArgs` checks it.
 */
export function corpusSourceOf(
  command: string,
  input: string,
  values: ReadValues,
  stdin?: NodeJS.ReadableStream,
): { source: CorpusSource; read: ReadOptions } {
  const { format, maxBytes } = corpusInputArgs(command, [input], values);
  return {
    source: {
      input,
      ...(values.metadata ? { metadata: values.metadata } : {}),
      ...(values['metadata-key'] ? { metadataKey: values['metadata-key'] } : {}),
      ...(stdin ? { stdin } : {}),
    },
    read: { format, textColumn: values['text-column'], idColumn: values['id-column'], maxBytes },
  };
}
