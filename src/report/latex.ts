import { type Cell, formatCell } from './format.ts';

/**
 * Text for LaTeX: every LaTeX special escaped; other Unicode (curly quotes, dashes, accents)
 * passes through as UTF-8, so the document needs `\usepackage[utf8]{inputenc}` (the default
 * since LaTeX 2018) or a Unicode engine (XeLaTeX, LuaLaTeX). The tables are in latexTables.ts.
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
  return formatCell(value)
    .replace(SPECIAL_CHARS, (c) => SPECIALS[c] as string)
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/\t/g, ' ');
}
