import { INDEXES } from '../../figures/indexes.ts';
import { formatPlace } from '../../text/positions.ts';
import type { ArticleResult, Match } from '../../types.ts';
import type { ArticleRecord } from '../articleRecord.ts';
import { type Cell, DEFAULT_DIGITS } from '../format.ts';
import { escapeMarkdownText, markdownCode, markdownTable, markdownTableLines } from '../markdown.ts';
import type { ArticleRecords } from '../runData.ts';
import type { Table } from '../tables.ts';

/** Characters of context shown on each side of a hit. */
export const CONTEXT_CHARS = 60;

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}

/** The text left and right of a hit, on one line, cut at CONTEXT_CHARS. */
export function contextOf(text: string, m: { start: number; end: number }, width = CONTEXT_CHARS) {
  return {
    left: oneLine(text.slice(Math.max(0, m.start - width), m.start)).trimStart(),
    right: oneLine(text.slice(m.end, m.end + width)).trimEnd(),
  };
}

export const MATCHES_HEADER: readonly string[] = [
  'article',
  'index',
  'pack',
  'entry',
  'category',
  'pattern',
  'text',
  'voice',
  'negated',
  'weight',
  'sentence',
  'start',
  'end',
  'line_column',
  'left_context',
  'right_context',
];

/** The rows of `matches.csv` for one article: one per lexicon hit, with its entry, voice, place and context. */
export function matchRows(r: ArticleResult): Cell[][] {
  return r.matches.map((m, i) => {
    const { left, right } = contextOf(r.article.text, m);
    return [
      r.article.id,
      i,
      m.pack,
      m.entryId,
      m.category,
      m.pattern,
      m.text,
      m.voice,
      m.negated,
      m.weight,
      m.sentence,
      m.start,
      m.end,
      formatPlace(m),
      left,
      right,
    ];
  });
}

/** `matches.csv`: one row per lexicon hit, articles in input order. */
export function matchesTable(results: readonly ArticleResult[]): Table {
  return { header: [...MATCHES_HEADER], rows: results.flatMap(matchRows) };
}

/** What the indexes of the table count, from the registry: their unit and the voices they count. */
export function indexNote(): string {
  const shares = INDEXES.filter((i) => i.combine.kind === 'share').map((i) => i.name);
  const carried = INDEXES.filter((i) => i.voices.quoted > 0 || i.voices.attributed > 0);
  const weights = [...new Set(carried.map((i) => `${i.voices.quoted}/${i.voices.attributed}`))];
  const carriedText =
    carried.length === 0
      ? ''
      : ` ${carried.map((i) => i.name).join(', ')} also count hits in quotations and reported speech${weights.length === 1 && weights[0] === '0.5/0.5' ? ' at ½' : ' (weights in the methods section)'};`;
  return `Indexes are per 1,000 scored words of the authorial voice${shares.length ? ` (${shares.join(', ')}: a share)` : ''};${carriedText} see the methods section for every formula.`;
}

function hitLine(r: ArticleResult, m: Match): string {
  const { left, right } = contextOf(r.article.text, m, 50);
  const flags = [m.voice, ...(m.negated ? ['negated'] : [])].join(', ');
  // The pack says whose register a hit is (prc-state-media, ru-state-media, a scholar's own pack).
  return `- line ${formatPlace(m)}, ${markdownCode(m.category)} from ${escapeMarkdownText(m.pack)} (${flags}): ...${escapeMarkdownText(left)} **${escapeMarkdownText(m.text)}** ${escapeMarkdownText(right)}...`;
}

/**
 * The parts of the framing section of `report.md` (joined by '\n'), the records read as the table
 * is written: the composite indexes side by side, then for each article its hits by category (all
 * voices and the author's own voice) and the top hits in context, with quoted and attributed hits
 * listed apart from the outlet's own words.
 */
export function* framingSectionParts(
  records: ArticleRecords,
  details: readonly ArticleResult[],
  topHits = 8,
  detailLimit = Number.POSITIVE_INFINITY,
  digits = DEFAULT_DIGITS,
): Generator<string> {
  if (records.length === 0) {
    yield 'No article was analysed.';
    return;
  }
  yield indexNote();
  yield '';
  const rows = (function* () {
    for (const r of records)
      yield [r.id, r.wordCount, r.hits, r.authorialHits, ...INDEXES.map((i) => r.figures[i.name] ?? null)];
  })();
  const header = ['article', 'words', 'hits', 'authorial hits', ...INDEXES.map((i) => i.name)];
  yield* markdownTableLines(header, rows, new Set([...header.keys()].filter((k) => k > 0)), digits);
  yield '';
  const out: string[] = [];
  for (const r of details.slice(0, detailLimit)) {
    out.push(`### ${escapeMarkdownText(r.article.id)}`, '');
    if (r.matches.length === 0) {
      out.push('No lexicon hit.', '');
      continue;
    }
    const byCategory = new Map<string, { all: number; authorial: number }>();
    for (const m of r.matches) {
      const c = byCategory.get(m.category) ?? { all: 0, authorial: 0 };
      c.all++;
      if (m.voice === 'authorial') c.authorial++;
      byCategory.set(m.category, c);
    }
    const cats = [...byCategory].sort((a, b) => b[1].all - a[1].all || (a[0] < b[0] ? -1 : 1));
    out.push(
      markdownTable(
        ['category', 'hits', 'authorial', 'quoted or attributed'],
        cats.map(([c, n]) => [c, n.all, n.authorial, n.all - n.authorial]),
        new Set([1, 2, 3]),
      ),
      '',
    );
    const own = r.matches.filter((m) => m.voice === 'authorial').slice(0, topHits);
    const others = r.matches.filter((m) => m.voice !== 'authorial').slice(0, topHits);
    if (own.length > 0) out.push("In the outlet's own voice:", '', ...own.map((m) => hitLine(r, m)), '');
    if (others.length > 0)
      out.push('Inside quotations or reported speech:', '', ...others.map((m) => hitLine(r, m)), '');
  }
  if (records.length > detailLimit)
    out.push(
      `Details are shown for the first ${detailLimit} articles; \`matches.csv\` lists every hit in context.`,
    );
  yield* out;
}
