import { ANALYZE_HELP, MAIN_HELP, SCORE_HELP } from './help.ts';
import { type CliIO, EXIT, UsageError } from './io.ts';

/**
 * The command line: parses the command word and hands over to the command, which returns an exit
 * code. Commands are imported only when run, so `--help` never loads the NLP model.
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(MAIN_HELP);
        return command === undefined ? EXIT.couldNotRun : EXIT.ok;
      case '--version':
      case '-v': {
        const { TOOL_VERSION } = await import('../version.ts');
        io.stdout(`${TOOL_VERSION}\n`);
        return EXIT.ok;
      }
      case 'analyze':
        if (rest.includes('--help') || rest.includes('-h')) {
          io.stdout(ANALYZE_HELP);
          return EXIT.ok;
        }
        return await (await import('./analyzeCommand.ts')).runAnalyze(rest, io);
      case 'score':
        if (rest.includes('--help') || rest.includes('-h')) {
          io.stdout(SCORE_HELP);
          return EXIT.ok;
        }
        return await (await import('./scoreCommand.ts')).runScore(rest, io);
      case 'lexicon':
        return await (await import('./lexiconCommand.ts')).runLexicon(rest, io);
      case 'kwic':
        return await (await import('./kwicCommand.ts')).runKwic(rest, io);
      case 'merge':
        if (rest.includes('--help') || rest.includes('-h')) {
          io.stdout((await import('./mergeCommand.ts')).MERGE_HELP);
          return EXIT.ok;
        }
        return await (await import('./mergeCommand.ts')).runMerge(rest, io);
      case 'agree':
        return await (await import('./agreeCommand.ts')).runAgree(rest, io);
      default:
        throw new UsageError(
          `unknown command "${command}"; expected one of: analyze, score, lexicon, kwic, agree, merge. Run "framescope --help".`,
        );
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`framescope: ${e.message}\n`);
      return EXIT.couldNotRun;
    }
    io.stderr(`framescope: could not run: ${(e as Error).message}\n`);
    return EXIT.couldNotRun;
  }
}
