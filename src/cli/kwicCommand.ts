import { type SourceLexicon, findAttributions, loadSourceLexicon } from '../attribution/index.ts';
import { readCorpus } from '../corpus/index.ts';
import { MATCH_MODES, type MatchMode, type Pack, compileLexicon, formatIssue } from '../lexicon/index.ts';
import { findMatches } from '../match/index.ts';
import { readDocument } from '../text/document.ts';
import { findQuotations } from '../text/quotes.ts';
import type { Document, Match } from '../types.ts';
import { forTerminal } from './terminalText.ts';

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

/** A one-entry pack holding the pattern, so that kwic runs exactly the matcher of the packs. */
export function kwicPack(pattern: string, match: MatchMode, caseSensitive: boolean): Pack {
  return {
    pack: 'kwic',
    kind: 'framing',
    version: '1.0.0',
    description: 'kwic pattern',
    licence: '',
    citation: '',
    file: '<kwic pattern>',
    issues: [],
    entries: [
      {
        id: 'kwic',
        line: 1,
        category: 'kwic',
        patterns: [{ text: pattern, line: 1 }],
        weight: 1,
        rationale: 'kwic',
        evidence: 'kwic',
        match,
        exclude: [],
        pos: [],
        caseSensitive,
        choice: null,
        term: null,
        extra: {},
      },
    ],
  };
}

/** The source lexicon, loaded once and only when an article needs its voice. */
let sourceLexicon: SourceLexicon | null = null;
const sources = (): SourceLexicon => {
  sourceLexicon ??= loadSourceLexicon();
  return sourceLexicon;
};

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** One concordance line: id, line:column, `window` tokens either side within the article. */
export function kwicLine(id: string, doc: Document, m: Match, window: number): string {
  const { start, end, count } = doc.tokens;
  const from = Math.max(0, m.firstToken - window);
  const to = Math.min(count, m.endToken + window);
  const left = from < m.firstToken ? doc.text.slice(start[from] as number, m.start) : '';
  const right = to > m.endToken ? doc.text.slice(m.end, end[to - 1] as number) : '';
  return forTerminal(
    `${id}\t${m.line}:${m.column}\t${oneLine(left)} | ${oneLine(m.text)} | ${oneLine(right)}`,
  );
}

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
  const lexicon = compileLexicon([kwicPack(pattern, match, caseSensitive)]);
  if (lexicon.patterns.length === 0) {
    for (const issue of lexicon.issues) io.stderr(`${formatIssue(issue)}\n`);
    return 2;
  }
  let hits = 0;
  let articles = 0;
  try {
    for (const input of inputs) {
      for await (const item of readCorpus({ input })) {
        if (item.kind !== 'article') {
          io.stderr(`${forTerminal(formatIssue(item.issue))}\n`);
          continue;
        }
        articles++;
        const doc = readDocument(item.article);
        const quotations = findQuotations(doc);
        const attributions = findAttributions(doc, quotations, sources());
        for (const m of findMatches(doc, lexicon, { quotations, attributions })) {
          io.stdout(`${kwicLine(item.article.id, doc, m, window)}\t${m.voice}\n`);
          hits++;
        }
      }
    }
  } catch (e) {
    io.stderr(`framescope kwic: ${(e as Error).message}\n`);
    return 2;
  }
  io.stderr(`${hits} hits in ${articles} articles\n`);
  return 0;
}
