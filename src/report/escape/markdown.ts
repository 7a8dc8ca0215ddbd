import { type Cell, formatCell } from '../format.ts';
import { withoutControls } from './controls.ts';

/**
 * Markdown from data (article ids and text, titles, metadata such as group names, lexicon
 * categories): every writer of a .md file puts data through one of these, so that text from a
 * corpus shows as written and never becomes markup, raw HTML included. Control characters are
 * dropped and line ends become spaces.
 */

/** Characters that `escapeMarkdownCell` changes: most cells have none, and are returned as they are. */
const CELL_SPECIAL = /[\\|*_`<>[\]&\r\n]/;
/** Characters that `escapeMarkdownText` changes. */
const TEXT_SPECIAL = /[\\*_`<>[\]#|&\r\n]/;
/** An `&` that would start a character reference (`&lt;`, `&#60;`), which Markdown decodes. */
const REFERENCE_START = /&(?=#?[A-Za-z0-9]+;)/g;

/**
 * `<` and `>` become character references rather than backslash escapes: every Markdown renderer
 * decodes a reference as text, while some (Markdown.pl) do not take `\<` as an escape and would
 * pass the tag on as HTML.
 */
function escapeAngles(s: string): string {
  return s.replace(REFERENCE_START, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes what would break a Markdown table cell or start unintended markup. */
export function escapeMarkdownCell(value: Cell): string {
  const s = withoutControls(formatCell(value));
  if (!CELL_SPECIAL.test(s)) return s;
  return escapeAngles(s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|'))
    .replace(/[*_`[\]]/g, (c) => `\\${c}`)
    .replace(/\r?\n|\r/g, ' ');
}

/** Escapes inline text (not in a table) so article text shows as written. */
export function escapeMarkdownText(value: string): string {
  const s = withoutControls(value);
  if (!TEXT_SPECIAL.test(s)) return s;
  return escapeAngles(s.replace(/\\/g, '\\\\'))
    .replace(/[*_`[\]#|]/g, (c) => `\\${c}`)
    .replace(/\r?\n|\r/g, ' ');
}

/**
 * Text in a code span, shown exactly: a code span has no escapes, so its fence is one backtick
 * longer than the longest run of backticks inside, as CommonMark allows (a value holding `` ` ``
 * can then never close it and let what follows be read as markup or HTML).
 */
export function markdownCode(value: string): string {
  const flat = withoutControls(value).replace(/\r?\n|\r/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
