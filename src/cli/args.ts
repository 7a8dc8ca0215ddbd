import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CORPUS_FORMATS, type CorpusFormat } from '../corpus/readers.ts';
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

/** The options of every command that reads a corpus and matches lexicons (analyze, score). */
export const CORPUS_OPTIONS = {
  'text-column': { type: 'string', default: 'text' },
  'id-column': { type: 'string', default: 'id' },
  format: { type: 'string', default: 'auto' },
  lexicon: { type: 'string', multiple: true, default: [] as string[] },
  'no-builtin-lexicons': { type: 'boolean', default: false },
  'max-bytes': { type: 'string', default: String(20 * 1024 * 1024) },
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
