import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ImplementationFn } from 'ava';
import { toLatex } from '../src/report/latexTables.ts';
import { compileTable, hasPdflatex } from './helpers/latex.ts';
import { repoRoot } from './helpers/shared.ts';

// Every LaTeX table framescope writes must go into a paper as it is: it compiles in an article
// document with booktabs and longtable, and no line or page of it is wider than the page.

function latexTest(title: string, fn: ImplementationFn<[]>): void {
  if (hasPdflatex()) test(title, fn);
  else
    test.skip(
      `${title} (skipped: pdflatex is not installed; .ci/notebook-tools installs texlive-latex-recommended)`,
      fn,
    );
}

const exampleTables = join(repoRoot, 'reports', 'example', 'tables');

for (const file of readdirSync(exampleTables)
  .filter((f) => f.endsWith('.tex'))
  .sort())
  latexTest(`reports/example/tables/${file} compiles with no error and no overfull box`, (t) => {
    const run = compileTable(join(exampleTables, file));
    t.is(run.status, 0, run.problems.join('\n'));
    t.deepEqual(run.problems, []);
  });

latexTest(
  'a long, wide table with long ids and LaTeX specials is split into parts and longtables that fit',
  (t) => {
    const figures = Array.from({ length: 14 }, (_, i) => `share_source_category_number_${i}`);
    const header = ['article', 'outlet', ...figures];
    const rows = Array.from({ length: 120 }, (_, r) => [
      `article-${r}-with_a_very_long_identifier_without_spaces_${'x'.repeat(30)}.txt`,
      r % 2 ? 'The Outlet & Sons {50% #1} ~ ^ \\ <b>|' : 'Ünïcode Überschrift, café',
      ...figures.map((_, i) => (r * 7.123456 + i) / (i + 1)),
    ]);
    const tex = toLatex(header, rows, {
      caption: 'A wide table',
      label: 'tab:wide',
      numericColumns: figures.map((_, i) => i + 2),
      keyColumns: 2,
    });
    t.true((tex.match(/\\begin\{longtable\}/g) ?? []).length > 1, 'split into several longtables');
    t.regex(tex, /\(part 1 of \d+\)/);
    const dir = mkdtempSync(join(tmpdir(), 'framescope-latex-wide-'));
    writeFileSync(join(dir, 'wide.tex'), tex);
    const run = compileTable(join(dir, 'wide.tex'));
    t.is(run.status, 0, run.problems.join('\n'));
    t.deepEqual(run.problems, []);
  },
);
