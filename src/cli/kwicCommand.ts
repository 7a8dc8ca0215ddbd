import { compileKwicPattern, kwic } from '../analyzer/kwic.ts';
import { MATCH_MODES, type MatchMode, formatIssue } from '../lexicon/index.ts';
import { forTerminal } from '../report/escape/terminal.ts';
import { READ_OPTIONS, corpusSourceOf, parseCommandArgs } from './args.ts';
import { READ_OPTIONS_HELP } from './help.ts';
import { EXIT, UsageError } from './io.ts';

interface KwicIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly stdin?: NodeJS.ReadableStream;
}

export const KWIC_HELP = `framescope kwic <pattern> <inputs...> [--window 8] [--match lemma] [--case-sensitive] [options]

Prints every hit of one lexicon pattern (same syntax and matcher as the packs) as
  id  line:column  left context | match | right context  voice
with --window words of context on each side (default 8) and the hit's voice (authorial, quoted,
attributed). Inputs are what analyze reads, with its options: folders, .txt/.md/.html, .csv or
.jsonl files, or - for standard input.

  --window <n>           words of context on each side (default 8)
  --match <mode>         ${MATCH_MODES.join(' | ')} (default: lemma, as packs match)
  --case-sensitive       match the pattern's case
${READ_OPTIONS_HELP}
`;

function parse(args: string[]) {
  return parseCommandArgs('kwic', args, {
    window: { type: 'string', default: '8' },
    match: { type: 'string', default: 'lemma' },
    'case-sensitive': { type: 'boolean', default: false },
    ...READ_OPTIONS,
    help: { type: 'boolean', short: 'h', default: false },
  });
}

/** `framescope kwic`: 0 when done (with or without hits), 2 on bad usage or a bad pattern. */
export async function runKwic(args: string[], io: KwicIO): Promise<number> {
  if (args.length === 0) {
    io.stdout(KWIC_HELP);
    return EXIT.couldNotRun;
  }
  const { values, positionals } = parse(args);
  if (values.help) {
    io.stdout(KWIC_HELP);
    return EXIT.ok;
  }
  const window = Number(values.window);
  if (!Number.isInteger(window) || window < 0)
    throw new UsageError(`kwic: --window expects a whole number, found "${values.window}"`);
  if (!(MATCH_MODES as readonly string[]).includes(values.match))
    throw new UsageError(`kwic: --match expects one of ${MATCH_MODES.join(', ')}, found "${values.match}"`);
  const [pattern, ...inputs] = positionals;
  if (!pattern || inputs.length === 0) throw new UsageError('kwic: give a pattern and at least one input');
  // Every input is read with the same options, each checked as analyze checks its one input.
  const sources = inputs.map((input) => corpusSourceOf('kwic', input, values, io.stdin));
  const { lexicon, issues } = compileKwicPattern(pattern, {
    match: values.match as MatchMode,
    caseSensitive: values['case-sensitive'],
  });
  if (lexicon === null) {
    for (const issue of issues) io.stderr(`${formatIssue(issue)}\n`);
    return EXIT.couldNotRun;
  }
  let hits = 0;
  let articles = 0;
  try {
    for (const { source, read } of sources)
      for await (const item of kwic(lexicon, [source], window, read)) {
        if (item.kind === 'hit') {
          io.stdout(`${forTerminal(item.line)}\t${item.match.voice}\n`);
          hits++;
        } else if (item.kind === 'article') articles++;
        else io.stderr(`${forTerminal(formatIssue(item.issue))}\n`);
      }
  } catch (e) {
    io.stderr(`framescope kwic: ${(e as Error).message}\n`);
    return EXIT.couldNotRun;
  }
  io.stderr(`${hits} hits in ${articles} articles\n`);
  return EXIT.ok;
}
