import { withoutControls } from './controls.ts';

/**
 * Formula neutralisation for CSV cells (CSV injection, OWASP; CWE-1236; ASVS 1.2.10). A
 * spreadsheet that opens a CSV file runs a cell as a formula when it starts with `=`, `+`, `-` or
 * `@`, and some do so after leading white space, or for the full-width signs `＝＋－＠` (OWASP's
 * list). Such a cell gets a `'` in front, which the spreadsheet shows as text. The rule:
 *
 * - A cell that starts with a tab, carriage return or line feed is neutralised (OWASP lists them).
 * - Otherwise white space at the start is passed over (any Unicode space: no-break space, U+3000
 *   ideographic space...), and the cell is neutralised when the next character is `=`, `@`, `＝` or
 *   `＠`, or `+`, `-`, `＋`, `－` unless what follows the sign is
 *   - a number (`-2`, `+3.5`, `-1e5`, `-12%`): a spreadsheet reads it as the number it is; or
 *   - plain text: it holds a letter and none of `( ) [ ] { } ! | = + - * / ^ & < > " ; :`
 *     (`-2, came from`, from "SARS-CoV-2" cut at a hyphen). Without those a formula can call no
 *     function, reach no other sheet, file or program (DDE needs `|` and `!`) and compute
 *     nothing: the worst a spreadsheet can make of it is a `#NAME?` shown for the text.
 *
 * Numbers written as numbers are never touched (see csvCell). `neutralisedCells()` counts the
 * cells changed in this thread, for the methods section of report.md.
 */

const BREAK_START = /^[\t\r\n]/;
const ALWAYS = /^\s*[=@\uff1d\uff20]/;
const SIGN = /^\s*[+\-\uff0b\uff0d]/;
const NUMBER = /^\s*[+\-\uff0b\uff0d](\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/;
const FORMULA_CHAR = /[()[\]{}!|=+\-*/^&<>";:\uff08\uff09\uff01\uff5c\uff1d\uff0b\uff0d]/;
const LETTER = /\p{L}/u;

let neutralised = 0;

/** Whether a spreadsheet could run the text cell `s` as a formula (see above). */
export function couldBeFormula(s: string): boolean {
  if (BREAK_START.test(s) || ALWAYS.test(s)) return true;
  if (!SIGN.test(s) || NUMBER.test(s)) return false;
  const rest = s.replace(SIGN, '');
  return !(LETTER.test(rest) && !FORMULA_CHAR.test(rest));
}

/** A text cell as a CSV file holds it: control characters dropped, a possible formula neutralised. */
export function safeCsvText(s: string, neutralise: boolean): string {
  const text = withoutControls(s);
  if (!neutralise || !couldBeFormula(text)) return text;
  neutralised++;
  return `'${text}`;
}

/** How many cells this thread has neutralised so far (read before and after a piece of work). */
export function neutralisedCells(): number {
  return neutralised;
}
