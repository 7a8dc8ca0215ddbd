import { type Cell, formatCell } from '../format.ts';
import { withoutControls } from './controls.ts';

/**
 * LaTeX from data: every LaTeX special escaped, control characters dropped, line ends and tabs
 * as spaces, and a cell that starts with `[` guarded by `{}`: after the `\\` that ends a table
 * row, LaTeX reads a `[` as the start of an optional argument (a row height) and fails.
 */

const SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  // Not specials, but in the default OT1/T1 font encodings they print as other glyphs.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};
const SPECIAL_CHARS = /[\\&%$#_{}~^<>|]/g;

/** Escapes text for a LaTeX paragraph or table cell; line breaks become spaces. */
export function escapeLatex(value: Cell): string {
  const text = withoutControls(formatCell(value))
    .replace(SPECIAL_CHARS, (c) => SPECIALS[c] as string)
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/\t/g, ' ');
  return /^\s*\[/.test(text) ? `{}${text}` : text;
}
