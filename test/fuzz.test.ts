import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import fc from 'fast-check';
import Papa from 'papaparse';
import { createAnalyzer } from '../src/analyzer/analyzer.ts';
import { findReuse } from '../src/compare/reuse.ts';
import { summarizeForComparison } from '../src/compare/summary.ts';
import { type CorpusItem, htmlToText, readCorpus } from '../src/corpus/index.ts';
import { regexProblem } from '../src/lexicon/pattern.ts';
import { globMatches } from '../src/match/glob.ts';
import { toCsv } from '../src/report/csv.ts';
import { couldBeFormula } from '../src/report/escape/csv.ts';
import { markdownTable } from '../src/report/markdown.ts';
import type { RunData } from '../src/report/runData.ts';
import { buildOutputs } from '../src/run/buildOutputs.ts';
import { readDocument } from '../src/text/document.ts';
import { lineColumnOf, lineStartsOf } from '../src/text/positions.ts';
import type { Article, ArticleResult, Span } from '../src/types.ts';
import { parseRfc4180 } from './helpers/rfc4180.ts';

/**
 * Property-based tests (issue 8): adversarial text, CSV and JSONL never crash a run, every span
 * points at the characters it claims, and the same input gives the same output. The seed is fixed
 * and printed in each title, so a failure reproduces with `fc.assert(..., { seed, path })` as
 * fast-check prints it.
 */

const SEED = 20240608;
const RUNS = Number(process.env['FRAMESCOPE_FUZZ_RUNS'] ?? 150);
const params = (numRuns = RUNS) => ({ seed: SEED, numRuns, endOnFailure: false });

/** Pieces that have broken text tools before: every kind of quote, line end, space and joiner. */
const FRAGMENTS = [
  'The harbour accord was signed.',
  'Officials said',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '\r\n\r\n',
  '\t',
  '\u00a0',
  '\u200b',
  '\u200d',
  '\u2028',
  '\ufeff',
  '"',
  '“',
  '”',
  '‘',
  '’',
  "'",
  '«',
  '»',
  '„',
  '``',
  "''",
  '.',
  '...',
  '…',
  '?!',
  '—',
  '–',
  '-',
  '(',
  ')',
  '[1]',
  'U.S.',
  'Mr.',
  'e.g.',
  '$5.2bn',
  '42%',
  'March 3, 2024',
  '3 March 2024',
  '#hashtag',
  '@handle',
  'https://example.org/a?b=c',
  '👍🏽',
  '👨‍👩‍👧',
  '🇺🇦',
  'é',
  'e\u0301',
  'ﬁ',
  '中国',
  'Москва',
  'العربية',
  '\ud800',
  '\udc00',
  '\u0000',
  'By Jane Roe',
  'Reuters',
  'said',
  'according to',
  'Topics:',
  'Share this article',
  '<p>',
  '</p>',
  '&amp;',
  '|',
  '=cmd',
  'x'.repeat(300),
];

const fragmentText = fc
  .array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 })
  .map((parts) => parts.join(''));
/** Mixed: fragments, arbitrary code points, only punctuation, only white space, very long lines. */
const adversarialText = fc.oneof(
  { weight: 4, arbitrary: fragmentText },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'.,;:!?"\'()[]-–—…'), maxLength: 80 }) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u200b'), maxLength: 40 }),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fragmentText, fc.integer({ min: 1, max: 400 }))
      .map(([t, n]) => t.repeat(n).slice(0, 6_000)),
  },
);

const analyzer = createAnalyzer();
/** A second analyzer: the same input must give the same result from a fresh one. */
const second = createAnalyzer();
const articleOf = (text: string, id = 'fuzz'): Article => ({
  id,
  text,
  metadata: {},
  source: { file: '<fuzz>', format: 'txt' },
});

/** Why a span is wrong, or null: inside the text, start <= end, line:column of its start, its text. */
function spanProblem(
  text: string,
  lineStarts: Int32Array,
  what: string,
  span: Span & { text?: string },
): string | null {
  if (!(Number.isInteger(span.start) && Number.isInteger(span.end)))
    return `${what}: offsets are not integers`;
  if (span.start < 0 || span.end > text.length || span.start > span.end)
    return `${what}: [${span.start}, ${span.end}) is outside [0, ${text.length}]`;
  const { line, column } = lineColumnOf(lineStarts, span.start);
  if (span.line !== line || span.column !== column)
    return `${what}: says ${span.line}:${span.column}, the offset is at ${line}:${column}`;
  if (span.text !== undefined && span.text !== text.slice(span.start, span.end))
    return `${what}: text ${JSON.stringify(span.text)} is not the slice ${JSON.stringify(text.slice(span.start, span.end))}`;
  return null;
}

/** Every problem with the spans of one result: tokens, sentences, entities, structure, quotes, hits, sources. */
function resultProblems(r: ArticleResult, doc = analyzer.readDocument(r.article)): string[] {
  const text = r.article.text;
  const ls = lineStartsOf(text);
  const problems: (string | null)[] = [];
  const tk = doc.tokens;
  for (let i = 0; i < tk.count; i++) {
    const s = tk.start[i] as number;
    const e = tk.end[i] as number;
    if (s < 0 || e > text.length || s > e) problems.push(`token ${i}: [${s}, ${e}) outside the text`);
    else if (text.slice(s, e) !== tk.value[i])
      problems.push(
        `token ${i}: ${JSON.stringify(tk.value[i])} is not the slice ${JSON.stringify(text.slice(s, e))}`,
      );
    if (i > 0 && s < (tk.end[i - 1] as number)) problems.push(`token ${i}: overlaps the token before`);
  }
  for (const s of doc.sentences) {
    problems.push(spanProblem(text, ls, `sentence ${s.index}`, s.span));
    if (s.firstToken > s.endToken || s.endToken > tk.count) problems.push(`sentence ${s.index}: token range`);
  }
  for (const e of doc.entities) problems.push(spanProblem(text, ls, `entity ${e.type}`, e));
  const st = r.structure;
  const parts = [st.title, st.byline, st.dateline, st.lead, ...st.headings, ...st.body, ...st.references];
  for (const p of parts) if (p) problems.push(spanProblem(text, ls, `structure ${p.kind}`, p));
  for (const f of st.furniture) problems.push(spanProblem(text, ls, `furniture ${f.kind}`, f));
  for (const q of r.quotations) {
    problems.push(
      spanProblem(text, ls, 'quotation', q),
      spanProblem(text, ls, 'quotation content', q.content),
    );
    if (q.content.start < q.start || q.content.end > q.end)
      problems.push('quotation content outside its quotation');
  }
  for (const m of r.matches) problems.push(spanProblem(text, ls, `match ${m.pack}/${m.entryId}`, m));
  for (const a of r.attributions) {
    if (a.cue) problems.push(spanProblem(text, ls, `attribution ${a.index} cue`, a.cue));
    if (a.source) problems.push(spanProblem(text, ls, `attribution ${a.index} source`, a.source));
    if (a.content) problems.push(spanProblem(text, ls, `attribution ${a.index} content`, a.content));
  }
  return problems.filter((p): p is string => p !== null);
}

/** Rows per article of an output CSV (matches.csv, attributions.csv), when the run writes it. */
function rowsPerArticle(csv: string | undefined): Map<string, number> | null {
  if (csv === undefined) return null;
  const [header = [], ...rows] = parseRfc4180(csv);
  const col = header.indexOf('article') >= 0 ? header.indexOf('article') : header.indexOf('id');
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r[col] ?? '', (counts.get(r[col] ?? '') ?? 0) + 1);
  return counts;
}

let cases = 0;

test(`adversarial text: no crash, every span is its slice, counts agree, same input same result (seed ${SEED})`, (t) => {
  fc.assert(
    fc.property(adversarialText, (text) => {
      cases++;
      const { result: r, summary } = analyzer.analyze(articleOf(text));
      const problems = resultProblems(r);
      if (problems.length > 0) throw new Error(problems.slice(0, 5).join('\n'));
      if (r.wordCount > r.tokenCount) throw new Error('more words than tokens');
      // The outputs built from the result agree with it, row for row, and parse as RFC 4180.
      const data: RunData = {
        results: [r],
        summaries: [summary],
        packs: analyzer.packs,
        skipped: [],
        issues: [...r.issues],
        metrics: [],
        settings: {},
        toolVersion: 'fuzz',
      };
      const files = buildOutputs(data, { safeCells: true });
      for (const [name, content] of files) if (name.endsWith('.csv')) parseRfc4180(content);
      const matches = rowsPerArticle(files.get('matches.csv'));
      if (matches && (matches.get(r.article.id) ?? 0) !== r.matches.length)
        throw new Error(
          `matches.csv has ${matches.get(r.article.id) ?? 0} rows, the result ${r.matches.length} matches`,
        );
      const attributions = rowsPerArticle(files.get('attributions.csv'));
      if (attributions && (attributions.get(r.article.id) ?? 0) !== r.attributions.length)
        throw new Error('attributions.csv rows != attributions');
      // Determinism: a second analyzer gives a deep-equal result and byte-identical outputs.
      const again = second.analyze(articleOf(text));
      t.deepEqual(again.result, r);
      t.deepEqual(
        buildOutputs({ ...data, results: [again.result], summaries: [again.summary] }, { safeCells: true }),
        files,
      );
      return true;
    }),
    params(),
  );
  t.log(`${cases} texts analysed`);
});

test(`HTML: the text and its map back to the source stay in bounds and in order (seed ${SEED})`, (t) => {
  const tag = fc.constantFrom(
    '<p>',
    '</p>',
    '<h1>',
    '</h1>',
    '<nav>',
    '</nav>',
    '<br>',
    '<script>x<y</script>',
    '<!--',
    '-->',
    '<',
    '>',
    '&amp;',
    '&#x1F600;',
    '&bogus;',
    '<figcaption>',
    '</figcaption>',
  );
  const html = fc.array(fc.oneof(tag, fragmentText), { maxLength: 40 }).map((p) => p.join(''));
  let n = 0;
  fc.assert(
    fc.property(html, (source) => {
      n++;
      const { text, sourceMap, layout } = htmlToText(source);
      let last = -1;
      for (const s of sourceMap) {
        if (s.textStart < last || s.length <= 0 || s.textStart + s.length > text.length) return false;
        if (s.sourceStart < 0 || s.sourceStart >= source.length) return false;
        last = s.textStart + s.length;
      }
      for (const h of layout) if (h.start < 0 || h.end > text.length || h.start > h.end) return false;
      const r = analyzer.analyzeArticle({ ...articleOf(text), layout, sourceMap });
      const problems = resultProblems(r);
      if (problems.length > 0) throw new Error(problems.slice(0, 5).join('\n'));
      return true;
    }),
    params(),
  );
  t.log(`${n} HTML pages read`);
  t.pass();
});

const cell = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fragmentText.map((s) => s.slice(0, 200)),
  fc.constantFrom('', '=1+1', '+1', '-1', '@x', '\tx', '\rx', '"', '""', ',', '\r\n', ' lead', 'trail '),
);

test(`CSV writer: every table round-trips through papaparse and the strict RFC 4180 reader (seed ${SEED})`, (t) => {
  let n = 0;
  fc.assert(
    fc.property(
      fc
        .integer({ min: 1, max: 5 })
        .chain((w) =>
          fc.tuple(
            fc.array(cell, { minLength: w, maxLength: w }),
            fc.array(fc.array(cell, { minLength: w, maxLength: w }), { maxLength: 8 }),
          ),
        ),
      fc.boolean(),
      ([header, rows], safeCells) => {
        n++;
        const csv = toCsv(header, rows, { safeCells });
        const strict = parseRfc4180(csv);
        // papaparse reads the final CRLF as the start of one more, empty record.
        const loose = Papa.parse<string[]>(csv.replace(/\r\n$/, ''), {
          delimiter: ',',
          newline: '\r\n',
        }).data;
        t.deepEqual(loose, strict);
        // Control characters dropped; a cell a spreadsheet could run prefixed (the rule: escape.test.ts).
        const expected = [header, ...rows].map((r) =>
          r.map((c) => {
            const kept = c.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
            return safeCells && couldBeFormula(kept) ? `'${kept}` : kept;
          }),
        );
        t.deepEqual(strict, expected);
        return true;
      },
    ),
    params(300),
  );
  t.log(`${n} tables written and read back`);
});

test(`Markdown tables: any cell keeps the row whole (seed ${SEED})`, (t) => {
  let n = 0;
  fc.assert(
    fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 6 }), (rows) => {
      n++;
      const lines = markdownTable(['a', 'b', 'c'], rows).split('\n');
      if (lines.length !== rows.length + 2) return false;
      for (const line of lines) {
        if (/[\r\u0000]/.test(line) && !/[\u0000]/.test(rows.flat().join(''))) return false;
        // Separators are the pipes not escaped by a backslash.
        let pipes = 0;
        for (let i = 0; i < line.length; i++) {
          if (line[i] === '\\') i++;
          else if (line[i] === '|') pipes++;
        }
        if (pipes !== 4) return false;
      }
      return true;
    }),
    params(300),
  );
  t.log(`${n} tables rendered`);
  t.pass();
});

const tmp = () => mkdtempSync(join(tmpdir(), 'framescope-fuzz-'));
async function collect(gen: AsyncGenerator<CorpusItem>): Promise<CorpusItem[]> {
  const out: CorpusItem[] = [];
  for await (const item of gen) out.push(item);
  return out;
}

test(`CSV corpus: well-formed files give one item per record; broken ones never crash (seed ${SEED})`, async (t) => {
  const dir = tmp();
  let n = 0;
  const records = fc.array(
    fc.tuple(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }), cell),
    {
      minLength: 1,
      maxLength: 8,
    },
  );
  await fc.assert(
    fc.asyncProperty(
      records,
      fc.boolean(),
      fc.integer({ min: 0, max: 1_000 }),
      async (rows, breakIt, cut) => {
        n++;
        const file = join(dir, `c${n}.csv`);
        let csv = toCsv(['id', 'text'], rows, { safeCells: false });
        // Breaking it: drop one character somewhere (often a quote), as a bad export would.
        if (breakIt) {
          const at = cut % csv.length;
          csv = csv.slice(0, at) + csv.slice(at + 1);
        }
        writeFileSync(file, csv);
        const items = await collect(readCorpus({ input: file }));
        const entries = items.filter((i) => i.kind !== 'issue').length;
        if (!breakIt && entries !== rows.length) throw new Error(`${rows.length} records, ${entries} items`);
        for (const i of items)
          if (i.kind !== 'article' && !i.issue.code) throw new Error('issue without a code');
        for (const i of items) if (i.kind === 'article') analyzer.analyzeArticle(i.article);
        return true;
      },
    ),
    params(120),
  );
  t.log(`${n} CSV files read`);
  t.pass();
});

test(`JSONL corpus: every non-blank line is one article or one skipped input, with its line (seed ${SEED})`, async (t) => {
  const dir = tmp();
  let n = 0;
  const jsonLine = fc.oneof(
    fc
      .record({ id: fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constant(null)), text: cell })
      .map((o) => JSON.stringify(o)),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ unit: 'binary-ascii', maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ' ')),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(jsonLine, { minLength: 1, maxLength: 10 }), async (lines) => {
      n++;
      const file = join(dir, `j${n}.jsonl`);
      writeFileSync(file, `${lines.join('\n')}\n`);
      const items = await collect(readCorpus({ input: file }));
      const nonBlank = lines.map((l, i) => [l, i + 1] as const).filter(([l]) => l.trim() !== '');
      const entries = items.flatMap((i) =>
        i.kind === 'article' ? [i.article.source.line] : i.kind === 'skipped' ? [i.skipped.line] : [],
      );
      t.deepEqual(
        entries,
        nonBlank.map(([, i]) => i),
      );
      for (const i of items) if (i.kind === 'article') analyzer.analyzeArticle(i.article);
      return true;
    }),
    params(120),
  );
  t.log(`${n} JSONL files read`);
});

/** The same bytes cut into chunks at the given points, as a pipe delivers them. */
function chunked(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    if (p > from) out.push(bytes.subarray(from, p));
    from = Math.max(from, p);
  }
  return out;
}

/** What a reader yielded, without the file name (a pipe is `<stdin>`). */
const itemView = (items: readonly CorpusItem[]) =>
  items.map((i) =>
    i.kind === 'article'
      ? ['article', i.article.id, i.article.source.line, i.article.text, i.article.metadata]
      : i.kind === 'skipped'
        ? ['skipped', i.skipped.id, i.skipped.line, i.skipped.code]
        : ['issue', i.issue.code, i.issue.line, i.issue.articleId],
  );

test(`pipes: a CSV or JSONL corpus cut into chunks anywhere (inside a UTF-8 character, between CR and LF) reads as the file does (seed ${SEED})`, async (t) => {
  const { Readable } = await import('node:stream');
  const dir = tmp();
  let n = 0;
  const text = fc.oneof(cell, fc.constantFrom('é’—👍🏽 said', 'a\r\nb', 'x\ry', '\u00e9\u00e9\u00e9'));
  const records = fc.array(
    fc.tuple(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }), text),
    {
      minLength: 1,
      maxLength: 6,
    },
  );
  await fc.assert(
    fc.asyncProperty(
      records,
      fc.constantFrom('csv', 'jsonl'),
      fc.array(fc.nat(), { maxLength: 12 }),
      fc.boolean(),
      async (rows, format, cuts, crlf) => {
        n++;
        let content =
          format === 'csv'
            ? toCsv(['id', 'text'], rows, { safeCells: false })
            : rows.map(([id, body]) => JSON.stringify({ id, text: body })).join('\n');
        if (!crlf) content = content.replace(/\r\n$/, '\n');
        const bytes = Buffer.from(content);
        const file = join(dir, `p${n}.${format}`);
        writeFileSync(file, bytes);
        const fromFile = await collect(readCorpus({ input: file }));
        const fromPipe = await collect(
          readCorpus({ input: '-', stdin: Readable.from(chunked(bytes, cuts)) }, { format }),
        );
        const [piped, read] = [JSON.stringify(itemView(fromPipe)), JSON.stringify(itemView(fromFile))];
        if (piped !== read) throw new Error(`from a pipe ${piped}, from the file ${read}`);
        return true;
      },
    ),
    params(120),
  );
  t.log(`${n} corpora read from a file and from a pipe`);
  t.pass();
});

/** The regular expression a glob used to be compiled to: the reference for the linear matcher. */
const globAsRegex = (glob: string) =>
  new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'u',
  );

test(`globs: the linear matcher agrees with the regex it replaces, on hostile globs and tokens (seed ${SEED})`, (t) => {
  let n = 0;
  const glob = fc
    .array(fc.constantFrom('a', 'b', '*', '?', 'é', '👍', '.', '('), { minLength: 1, maxLength: 14 })
    .map((p) => p.join(''));
  const token = fc
    .array(fc.constantFrom('a', 'b', 'é', '👍', '.', '('), { maxLength: 24 })
    .map((p) => p.join(''));
  fc.assert(
    fc.property(glob, token, (g, s) => {
      n++;
      // Keep the reference regex cheap: at most four stars on at most 24 characters.
      if ((g.match(/\*/g) ?? []).length > 4) return true;
      return globMatches(g, s) === globAsRegex(g).test(s);
    }),
    params(1_000),
  );
  // The shape that hung the regex: stars and a final letter on a long token, both ways.
  t.true(globMatches('a*a*a*a*a*a*a*a*a*a*a*b', `${'a'.repeat(200)}b`));
  t.false(globMatches('a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(200)));
  t.log(`${n} globs and tokens compared`);
});

test(`hostile regexes: every regex a pack may hold is refused or safe (seed ${SEED})`, (t) => {
  let refused = 0;
  let accepted = 0;
  const piece = fc.constantFrom(
    'a',
    'a*',
    'a+',
    '(a|a)',
    '(a|ab)',
    '\\w',
    '\\w+',
    '.*',
    '[ab]',
    'b?',
    '(?:a|b)',
  );
  const regex = fc
    .tuple(fc.array(piece, { minLength: 1, maxLength: 4 }), fc.constantFrom('', '+', '*', '{2,}'))
    .map(([parts, q]) => `(?:${parts.join('')})${q}`);
  fc.assert(
    fc.property(regex, (source) => {
      if (regexProblem(source) !== null) {
        refused++;
        return true;
      }
      accepted++;
      // An accepted regex runs on the token that makes bad ones explode; a runaway hits ava's timeout.
      new RegExp(`^(?:${source})$`, 'iu').test(`${'a'.repeat(40)}!`);
      return true;
    }),
    params(40),
  );
  t.true(refused > 0 && accepted > 0, `${refused} refused, ${accepted} accepted`);
  t.log(`${refused} refused, ${accepted} accepted`);
});

/** Invented words for the stories of the near-duplicate floods (no corpus text). */
const FLOOD_WORDS = [
  'harbour',
  'accord',
  'ministers',
  'signed',
  'tariffs',
  'grain',
  'fishermen',
  'talks',
  'weeks',
  'critics',
  'review',
  'council',
  'river',
  'bridge',
  'budget',
  'vote',
  'storm',
  'village',
  'schools',
  'rail',
];

test(`near-duplicate floods: each copy is listed once against its cluster, with work linear in the copies (seed ${SEED})`, (t) => {
  // Sentences of distinct words in any order: each a story of its own, and its copies copies.
  const story = fc.array(fc.shuffledSubarray(FLOOD_WORDS, { minLength: 8, maxLength: 14 }), {
    minLength: 5,
    maxLength: 9,
  });
  const flood = fc.record({
    base: story,
    other: story,
    copies: fc.integer({ min: 2, max: 80 }),
    exact: fc.integer({ min: 0, max: 5 }),
    unrelated: fc.integer({ min: 0, max: 3 }),
  });
  const text = (sentences: readonly (readonly string[])[]) =>
    sentences.map((words) => `${words.join(' ')}.`).join('\n');
  const doc = (id: string, body: string) =>
    summarizeForComparison(
      readDocument({ id, text: body, metadata: {}, source: { file: `${id}.txt`, format: 'txt' } }),
      [],
      [],
      {},
    );
  let floods = 0;
  fc.assert(
    fc.property(flood, ({ base, other, copies, exact, unrelated }) => {
      const original = text(base);
      const summaries = [
        // Each copy differs from the story by a number of its own in its first sentence.
        ...Array.from({ length: copies }, (_, i) => doc(`c${i}`, original.replace('.', ` ${1000 + i}.`))),
        ...Array.from({ length: exact }, (_, i) => doc(`x${i}`, original)),
        ...Array.from({ length: unrelated }, (_, i) =>
          doc(`u${i}`, `${text(other)}\nNote ${i} of ${i + 7}.`),
        ),
      ];
      const reuse = findReuse(summaries, null);
      const byCluster = new Map<string, Set<string>>();
      const rows = new Map<string, number>();
      for (const p of reuse.pairs) {
        const key = [p.a, p.b].sort().join(' ');
        rows.set(key, (rows.get(key) ?? 0) + 1);
        if (p.cluster === undefined) continue;
        const named = byCluster.get(p.cluster) ?? new Set<string>([p.cluster]);
        named.add(p.a).add(p.b);
        byCluster.set(p.cluster, named);
      }
      // No pair is listed twice; each cluster of m articles has m - 1 rows, against its first.
      if ([...rows.values()].some((n) => n > 1)) return false;
      for (const [cluster, named] of byCluster) {
        const own = reuse.pairs.filter((p) => p.cluster === cluster);
        if (own.length !== named.size - 1) return false;
      }
      // Every copy and exact duplicate of the story is in the cluster of the first copy.
      const first = byCluster.get('c0');
      if (first === undefined || first.size < copies + exact) return false;
      // Work grows with the articles, not with their pairs.
      floods++;
      return reuse.candidatesChecked <= 2 * summaries.length;
    }),
    params(60),
  );
  t.is(floods, 60);
});
