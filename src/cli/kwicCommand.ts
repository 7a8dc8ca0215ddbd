import { compileKwicPattern, kwic } from '../analyzer/kwic.ts';
import { MATCH_MODES, type MatchMode, formatIssue } from '../lexicon/index.ts';
import { forTerminal } from '../report/escape/terminal.ts';

interface KwicIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

export const KWIC_HELP = `framescope kwic <pattern> <input files or folders...> [--window 8] [--match lemma] [--case-sensitive]

Prints every hit of one lexicon pattern (same syntax and matcher as the packs) as
  id  line:column  left context | match | right context  voice
with --window words of context on each side (default 8) and the hit's voice (authorial, quoted,
attributed). Inputs are what analyze reads: folders, .txt/.md/.html, .csv or .jsonl files.
`;

/** `framescope kwic`: 0 when done (with or without hits), 2 on bad usage or a bad pattern. */
export async function runKwic(args: string[], io: KwicIO): Promise<number> {
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
    io.stdout(KWIC_HELP);
    return args.length === 0 ? 2 : 0;
  }
  let window = 8;
  let match: MatchMode = 'lemma';
  let caseSensitive = false;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--window') {
      const n = Number(args[++i]);
      if (!Number.isInteger(n) || n < 0) {
        io.stderr(`framescope kwic: --window must be a whole number, got ${args[i] ?? 'nothing'}\n`);
        return 2;
      }
      window = n;
    } else if (a === '--match') {
      const m = args[++i] ?? '';
      if (!(MATCH_MODES as readonly string[]).includes(m)) {
        io.stderr(
          `framescope kwic: --match must be one of ${MATCH_MODES.join(', ')}, got ${m || 'nothing'}\n`,
        );
        return 2;
      }
      match = m as MatchMode;
    } else if (a === '--case-sensitive') caseSensitive = true;
    else if (a.startsWith('--')) {
      io.stderr(`framescope kwic: unknown option ${a}\n`);
      return 2;
    } else positional.push(a);
  }
  const [pattern, ...inputs] = positional;
  if (!pattern || inputs.length === 0) {
    io.stderr('framescope kwic: give a pattern and at least one input file or folder\n');
    return 2;
  }
  const { lexicon, issues } = compileKwicPattern(pattern, { match, caseSensitive });
  if (lexicon === null) {
    for (const issue of issues) io.stderr(`${formatIssue(issue)}\n`);
    return 2;
  }
  let hits = 0;
  let articles = 0;
  try {
    for await (const item of kwic(lexicon, inputs, window)) {
      if (item.kind === 'hit') {
        io.stdout(`${forTerminal(item.line)}\t${item.match.voice}\n`);
        hits++;
      } else if (item.kind === 'article') articles++;
      else io.stderr(`${forTerminal(formatIssue(item.issue))}\n`);
    }
  } catch (e) {
    io.stderr(`framescope kwic: ${(e as Error).message}\n`);
    return 2;
  }
  io.stderr(`${hits} hits in ${articles} articles\n`);
  return 0;
}
