import test from 'ava';
import { csvCell } from '../src/report/csv.ts';
import { couldBeFormula, neutralisedCells } from '../src/report/escape/csv.ts';
import { escapeLatex } from '../src/report/escape/latex.ts';
import { escapeMarkdownCell, escapeMarkdownText, markdownCode } from '../src/report/escape/markdown.ts';
import { forTerminal } from '../src/report/escape/terminal.ts';

/** The escaping layer of every output format (issue 16, cases 11-14), one module per format. */

test('CSV: formulas behind white space, line ends or full-width signs are neutralised', (t) => {
  for (const cell of [
    '=1+1',
    ' =1+1',
    '\u00a0=1+1',
    '\u3000@SUM(A1)',
    '\n=1+1',
    '\r\n+1',
    '\tTabbed',
    '\rReturn',
    '\uff1d1+1',
    '\uff20cmd',
    '\uff0bA1(',
    '@handle',
    '-2+3',
    '+33 1 23',
    '-HYPERLINK("http://x","y")',
    "-cmd|' /C calc'!A0",
    '+A1:B2',
    '-',
  ])
    t.true(couldBeFormula(cell), JSON.stringify(cell));
});

test('CSV: numbers and plain hyphenated text are left as they are', (t) => {
  for (const cell of [
    '-2',
    '+3.5',
    '-1e5',
    '-12%',
    ' -7',
    '-2, came from',
    '- the minister said',
    '+ more to come',
    'SARS-CoV-2',
    'plain = text',
    '',
  ])
    t.false(couldBeFormula(cell), JSON.stringify(cell));
});

test('CSV: each neutralised cell gets one quote and is counted; numbers and raw cells are not', (t) => {
  const before = neutralisedCells();
  t.is(csvCell(' =1+1'), "' =1+1");
  t.is(csvCell('-2, came from'), '"-2, came from"');
  t.is(csvCell(-2), '-2');
  t.is(csvCell('=x', { safeCells: false }), '=x');
  t.is(neutralisedCells() - before, 1);
  // Control characters go, raw or not; tab and line ends are the cell's own.
  t.is(csvCell('a\u0000b\u0007c\u009b', { safeCells: false }), 'abc');
  t.is(csvCell('a\tb', { safeCells: false }), 'a\tb');
});

test('Markdown: data never becomes HTML, in text, in table cells or in code spans', (t) => {
  const hostile = 'x` <img src=x onerror=alert(1)> `y &lt;b&gt;\u0007';
  for (const escaped of [escapeMarkdownText(hostile), escapeMarkdownCell(hostile)]) {
    t.notRegex(escaped, /<|\u0007/);
    t.true(escaped.includes('&lt;img'));
    t.true(escaped.includes('&amp;lt;b'), 'a reference in the data shows as written');
  }
  const code = markdownCode(hostile);
  t.true(code.startsWith('`` ') || code.startsWith('``x'), code);
  t.notRegex(code.slice(2, -2), /(^|[^`])``($|[^`])/, 'the fence is longer than any run inside');
  t.notRegex(code, /\u0007/);
  t.is(escapeMarkdownCell('a|b\nc'), 'a\\|b c');
});

test('LaTeX: a cell starting with [ is guarded, specials escaped, control characters dropped', (t) => {
  t.is(escapeLatex('[1] Gazette\u0007'), '{}[1] Gazette');
  t.is(escapeLatex(' [a]'), '{} [a]');
  t.is(escapeLatex('a [b]'), 'a [b]');
  t.is(escapeLatex('50% & $x_1$'), '50\\% \\& \\$x\\_1\\$');
  t.is(escapeLatex('line\nbreak\ttab\u0000'), 'line break tab');
});

test('terminal: control characters and bidirectional overrides are shown, not sent', (t) => {
  t.is(forTerminal('a\u001b[2Jb\u009b\u202e'), 'a\\u001b[2Jb\\u009b\\u202e');
  t.is(forTerminal('tab\tand\nline'), 'tab\tand\nline');
});
