import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './io.ts';

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
