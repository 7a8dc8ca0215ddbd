import { INDEXES } from '../figures/indexes.ts';
import { formatPlace } from '../text/positions.ts';
import type { ArticleResult, Match, Voice } from '../types.ts';
import { escapeHtml } from './escape/html.ts';
import { DEFAULT_DIGITS, displayNumber } from './format.ts';

/**
 * One article as a self-contained HTML page (inline CSS, no script, no network: a Content Security
 * Policy forbids both), for checking how framescope read a text: lexicon hits coloured by
 * category and underlined by voice, quotations and attributed content marked, page furniture
 * struck out with its kind. Every character of the article is HTML-escaped.
 *
 * Spans overlap freely (a hit inside a quotation inside furniture), so the text is cut at every
 * span start and end, and each piece opens and closes the elements of the spans covering it in a
 * fixed order: the markup always nests, whatever the spans do.
 */

export { escapeHtml };

/** Light backgrounds, dark text readable on each; categories beyond these share them by rank. */
const CATEGORY_COLOURS = [
  '#ffe08a',
  '#b8e0ff',
  '#c7f0c2',
  '#ffc9de',
  '#e2d1ff',
  '#ffd3b0',
  '#c9f2ee',
  '#e8e8a8',
];
const VOICE_STYLE: Record<Voice, { line: string; colour: string; label: string }> = {
  authorial: {
    line: 'solid',
    colour: '#000000',
    label: 'solid black underline: authorial (the outlet’s own words)',
  },
  quoted: { line: 'dotted', colour: '#0047b3', label: 'dotted blue underline: inside a quotation' },
  attributed: {
    line: 'dashed',
    colour: '#b34700',
    label: 'dashed orange underline: in reported (attributed) speech',
  },
};

/** Nesting order of layers: outer first. */
const LAYER_ORDER = ['furniture', 'part', 'quote', 'content', 'source', 'cue', 'hit'] as const;
type Layer = (typeof LAYER_ORDER)[number];

interface Marked {
  readonly start: number;
  readonly end: number;
  readonly layer: Layer;
  /** Input order within a layer, so equal spans nest the same way every time. */
  readonly rank: number;
  readonly open: (first: boolean) => string;
  readonly close: string;
}

const topCategory = (category: string) => category.split('.')[0] ?? category;

function hitTitle(m: Match): string {
  return `${m.pack}/${m.entryId} | ${m.category} | voice: ${m.voice} | negated: ${m.negated ? 'yes' : 'no'} | pattern: ${m.pattern}`;
}

function spansOf(result: ArticleResult, colourOf: (category: string) => number): Marked[] {
  const spans: Marked[] = [];
  const s = result.structure;
  s.furniture.forEach((f, rank) =>
    spans.push({
      start: f.start,
      end: f.end,
      layer: 'furniture',
      rank,
      open: (first) =>
        `<del class="furniture" title="${escapeHtml(`furniture (${f.kind}): ${f.reason}`)}">${first ? `<span class="kind">${escapeHtml(f.kind)}</span>` : ''}`,
      close: '</del>',
    }),
  );
  const parts = [s.title, s.byline, s.dateline, ...s.headings, ...s.references].filter((p) => p !== null);
  parts.forEach((p, rank) =>
    spans.push({
      start: p.start,
      end: p.end,
      layer: 'part',
      rank,
      open: () => `<span class="part-${p.kind}">`,
      close: '</span>',
    }),
  );
  result.quotations.forEach((q, rank) =>
    spans.push({
      start: q.start,
      end: q.end,
      layer: 'quote',
      rank,
      open: () => `<span class="quote" title="quotation${q.closed ? '' : ' (never closed)'}">`,
      close: '</span>',
    }),
  );
  result.attributions.forEach((a, rank) => {
    const who = a.speaker ?? a.source?.text ?? 'unknown source';
    const about = `attribution ${a.index + 1}: ${a.kind}, ${a.sourceType}, ${who} (${a.resolution})`;
    if (a.content)
      spans.push({
        start: a.content.start,
        end: a.content.end,
        layer: 'content',
        rank,
        open: () => `<span class="content" title="${escapeHtml(`content of ${about}`)}">`,
        close: '</span>',
      });
    if (a.source)
      spans.push({
        start: a.source.start,
        end: a.source.end,
        layer: 'source',
        rank,
        open: () => `<span class="source" title="${escapeHtml(`source of ${about}`)}">`,
        close: '</span>',
      });
    if (a.cue)
      spans.push({
        start: a.cue.start,
        end: a.cue.end,
        layer: 'cue',
        rank,
        open: () => `<span class="cue" title="${escapeHtml(`cue "${a.cue!.lemma}" of ${about}`)}">`,
        close: '</span>',
      });
  });
  result.matches.forEach((m, rank) =>
    spans.push({
      start: m.start,
      end: m.end,
      layer: 'hit',
      rank,
      open: (first) =>
        `<mark${first ? ` id="hit-${rank + 1}"` : ''} class="hit c${colourOf(m.category)} v-${m.voice}${m.negated ? ' neg' : ''}" title="${escapeHtml(hitTitle(m))}">`,
      close: '</mark>',
    }),
  );
  return spans;
}

/** The article text with every span marked, cut into pieces at every span boundary. */
function markedText(text: string, spans: readonly Marked[]): string {
  const valid = spans.filter((s) => s.start < s.end && s.start >= 0 && s.end <= text.length);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((s) => [s.start, s.end])])].sort(
    (a, b) => a - b,
  );
  const byStart = [...valid].sort((a, b) => a.start - b.start);
  const order = (a: Marked, b: Marked) =>
    LAYER_ORDER.indexOf(a.layer) - LAYER_ORDER.indexOf(b.layer) || b.end - a.end || a.rank - b.rank;
  let active: Marked[] = [];
  let next = 0;
  const out: string[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const from = cuts[i] as number;
    const to = cuts[i + 1] as number;
    active = active.filter((s) => s.end > from);
    const started = new Set<Marked>();
    while (next < byStart.length && (byStart[next] as Marked).start === from) {
      const s = byStart[next++] as Marked;
      active.push(s);
      started.add(s);
    }
    const covering = [...active].sort(order);
    for (const s of covering) out.push(s.open(started.has(s)));
    out.push(escapeHtml(text.slice(from, to)));
    for (let j = covering.length - 1; j >= 0; j--) out.push((covering[j] as Marked).close);
  }
  return out.join('');
}

const CSS = `
body { font: 16px/1.6 Georgia, 'Times New Roman', serif; margin: 2em auto; max-width: 46em; padding: 0 1em; color: #111; background: #fff; }
h1 { font: bold 1.3em Helvetica, Arial, sans-serif; margin-bottom: 0.2em; }
.meta, .legend, table { font: 13px/1.5 Helvetica, Arial, sans-serif; }
.meta { color: #444; }
.text { white-space: pre-wrap; border-top: 1px solid #999; border-bottom: 1px solid #999; padding: 1em 0; }
.legend { border: 1px solid #bbb; padding: 0.5em 1em; margin: 1em 0; }
.legend ul { margin: 0.2em 0; padding-left: 1.2em; }
mark { background: transparent; }
mark.hit { color: #000; text-decoration-line: underline; text-decoration-thickness: 2px; text-underline-offset: 3px; padding: 0; }
.v-authorial { text-decoration-style: solid; text-decoration-color: #000000; }
.v-quoted { text-decoration-style: dotted; text-decoration-color: #0047b3; }
.v-attributed { text-decoration-style: dashed; text-decoration-color: #b34700; }
.neg { font-style: italic; outline: 1px dotted #000; }
.quote { background: #ececec; }
.content { text-decoration: overline; text-decoration-color: #777; }
.source { font-weight: bold; }
.cue { border: 1px solid #777; border-radius: 2px; }
del.furniture { color: #777; text-decoration: line-through; }
del.furniture .kind { display: inline-block; text-decoration: none; font: 11px Helvetica, Arial, sans-serif; background: #777; color: #fff; border-radius: 2px; padding: 0 3px; margin-right: 4px; }
.part-title { font-weight: bold; font-size: 1.1em; }
.part-byline, .part-dateline { color: #555; }
.part-heading { font-weight: bold; }
table { border-collapse: collapse; margin-top: 1em; }
td, th { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
.swatch { display: inline-block; width: 2.2em; }
@media print { a { color: inherit; text-decoration: none; } }
`;

export function articleHtml(
  result: ArticleResult,
  text: string = result.article.text,
  digits: number = DEFAULT_DIGITS,
): string {
  if (typeof text !== 'string')
    throw new TypeError(`articleHtml: expected the article text as a string, found ${typeof text}`);
  const topCategories = [...new Set(result.matches.map((m) => topCategory(m.category)))].sort();
  const colourIndex = new Map(topCategories.map((c, i) => [c, i % CATEGORY_COLOURS.length]));
  const colourOf = (category: string) => colourIndex.get(topCategory(category)) ?? 0;
  const categoryCss = CATEGORY_COLOURS.map((c, i) => `mark.c${i} { background: ${c}; }`).join('\n');

  const a = result.article;
  const metadata = Object.keys(a.metadata)
    .sort()
    .map((k) => `${escapeHtml(k)}: ${escapeHtml(a.metadata[k] ?? '')}`)
    .join(' · ');
  const voices = (['authorial', 'quoted', 'attributed'] as const).map(
    (v) => `${result.matches.filter((m) => m.voice === v).length} ${v}`,
  );
  const countOf = (c: string) => result.matches.filter((m) => topCategory(m.category) === c).length;
  const legendCategories = topCategories.length
    ? topCategories
        .map(
          (c) =>
            `<li><mark class="hit c${colourOf(c)} v-authorial"><span class="swatch">&nbsp;</span></mark> ${escapeHtml(c)} (${countOf(c)} ${countOf(c) === 1 ? 'hit' : 'hits'})</li>`,
        )
        .join('')
    : '<li>no lexicon hit</li>';
  const legendVoices = (Object.keys(VOICE_STYLE) as Voice[])
    .map((v) => `<li><mark class="hit v-${v}">${v}</mark>: ${escapeHtml(VOICE_STYLE[v].label)}</li>`)
    .join('');
  const hitRows = result.matches
    .map(
      (m, i) =>
        `<tr><td><a href="#hit-${i + 1}">${i + 1}</a></td><td>${formatPlace(m)}</td><td>${escapeHtml(m.text)}</td><td>${escapeHtml(m.pack)}</td><td>${escapeHtml(m.entryId)}</td><td>${escapeHtml(m.category)}</td><td>${m.voice}</td><td>${m.negated ? 'yes' : 'no'}</td></tr>`,
    )
    .join('\n');
  const title = result.structure.title?.text ?? a.id;
  // The composite indexes, numbers as the Markdown and LaTeX tables show them (--digits).
  const indexes = INDEXES.filter((i) => typeof result.figures[i.name] === 'number')
    .map((i) => `${i.name} ${displayNumber(result.figures[i.name] as number, digits)}`)
    .join(' · ');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${a.id}: ${title}`)}</title>
<style>${CSS}${categoryCss}
</style>
</head>
<body>
<h1>${escapeHtml(a.id)}</h1>
<p class="meta">${metadata ? `${metadata}<br>` : ''}${result.wordCount} scored words, ${result.sentenceCount} sentences; ${result.matches.length} lexicon hits (${voices.join(', ')}); ${result.quotations.length} quotations; ${result.attributions.length} attributions; ${result.structure.furniture.length} furniture lines.${indexes ? ` Indexes: ${indexes}.` : ''} Source: ${escapeHtml(a.source.file)}</p>
<div class="legend">
<strong>Categories</strong> (background colour; hover a hit for its pack, entry, category, voice and negation):
<ul>${legendCategories}</ul>
<strong>Voice</strong> (underline style and colour):
<ul>${legendVoices}
<li><mark class="hit v-authorial neg">negated</mark>: italic, dotted box</li></ul>
<strong>Other marks</strong>:
<ul><li><span class="quote">grey background</span>: inside quotation marks</li>
<li><span class="content">line above</span>: content of an attribution; <span class="source">bold</span>: its source; <span class="cue">boxed</span>: its cue</li>
<li><del class="furniture"><span class="kind">kind</span>struck out</del>: page furniture, excluded from scoring (hover for the reason)</li></ul>
</div>
<div class="text">${markedText(text, spansOf(result, colourOf))}</div>
${
  result.matches.length
    ? `<table>
<thead><tr><th>#</th><th>line:col</th><th>text</th><th>pack</th><th>entry</th><th>category</th><th>voice</th><th>negated</th></tr></thead>
<tbody>
${hitRows}
</tbody>
</table>`
    : ''
}
</body>
</html>
`;
}
