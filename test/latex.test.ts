import test from 'ava';
import { escapeLatex } from '../src/report/latex.ts';
import { toLatex } from '../src/report/latexTables.ts';

test('every LaTeX special is escaped, backslash first so escapes are not escaped again', (t) => {
  t.is(escapeLatex('\\'), '\\textbackslash{}');
  t.is(
    escapeLatex('a & b % c $ d # e _ f { g } h ~ i ^ j'),
    'a \\& b \\% c \\$ d \\# e \\_ f \\{ g \\} h \\textasciitilde{} i \\textasciicircum{} j',
  );
  t.is(escapeLatex('\\textbf{x}'), '\\textbackslash{}textbf\\{x\\}');
  t.is(escapeLatex('<b>|'), '\\textless{}b\\textgreater{}\\textbar{}');
  t.is(escapeLatex('line one\r\nline two\ttab'), 'line one line two tab');
  t.is(escapeLatex(0.123456), '0.1235');
  t.is(escapeLatex(null), '');
});

test('curly quotes, dashes and accents pass through as UTF-8', (t) => {
  t.is(escapeLatex('“Ostmark’s” pact — 2031–32, café'), '“Ostmark’s” pact — 2031–32, café');
});

test('toLatex writes a booktabs table with l/r columns, caption and label', (t) => {
  const tex = toLatex(
    ['outlet', 'rate_%', 'n'],
    [
      ['A & B {News}', 12.5, 3],
      ['50% ~ $5 #1 \\ ^_^', null, 0],
    ],
    { caption: 'Rates per 1,000 words (state_media)', label: 'tab:rates & more', numericColumns: [1, 2] },
  );
  const lines = tex.split('\n');
  t.true(lines.includes('  \\begin{tabular}{lrr}'));
  t.true(lines.includes('  \\caption{Rates per 1,000 words (state\\_media)}'));
  t.true(lines.includes('  \\label{tab:rates---more}'));
  // A header stacks its words at `_`, so that a long column name does not widen the table.
  t.true(lines.includes('  outlet & \\begin{tabular}[b]{@{}r@{}}rate\\_\\\\{}\\%\\end{tabular} & n \\\\'));
  t.true(lines.includes('  A \\& B \\{News\\} & 12.5 & 3 \\\\'));
  t.true(
    lines.includes(
      '  50\\% \\textasciitilde{} \\$5 \\#1 \\textbackslash{} \\textasciicircum{}\\_\\textasciicircum{} &  & 0 \\\\',
    ),
  );
  const order = ['\\toprule', '\\midrule', '\\bottomrule'].map((r) => tex.indexOf(r));
  t.true(order[0]! > 0 && order[0]! < order[1]! && order[1]! < order[2]!);
  t.true(tex.endsWith('\\end{table}\n'));
});

test('in every escaped cell, each & and % is escaped, so no cell can split a row or comment it out', (t) => {
  const nasty = ['&&', '%%', '\\&', '\\\\%', 'a\\', '}{', '~^'];
  for (const cell of nasty) {
    const out = escapeLatex(cell);
    t.notRegex(out, /(^|[^\\])[&%]/, `${cell} -> ${out}`);
    // Braces balance once escaped braces are set aside: a cell cannot close the tabular's group.
    const bare = out.replace(/\\[{}]/g, '');
    t.is((bare.match(/{/g) ?? []).length, (bare.match(/}/g) ?? []).length, `${cell} -> ${out}`);
  }
});

test('a row with the wrong number of cells throws, naming what was expected', (t) => {
  t.throws(() => toLatex(['a', 'b'], [['x']]), { message: /expected 2 cells per row \(a, b\), found 1/ });
});
