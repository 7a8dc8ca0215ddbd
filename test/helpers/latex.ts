import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Whether `pdflatex` runs here (Debian's texlive-latex-recommended, installed by .ci/notebook-tools). */
export function hasPdflatex(): boolean {
  return spawnSync('pdflatex', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** The preamble a paper that pastes framescope's tables needs (as docs/outputs.md says). */
const PREAMBLE = [
  '\\documentclass{article}',
  '\\usepackage[utf8]{inputenc}',
  '\\usepackage{booktabs}',
  '\\usepackage{longtable}',
];

export interface LatexRun {
  readonly status: number | null;
  /** The PDF written, when there is one. */
  readonly pdf: string;
  /** Lines of the log that say something went wrong or does not fit: errors, overfull boxes. */
  readonly problems: readonly string[];
}

/**
 * Compiles one `.tex` table file inside an article-class document (twice, as longtable needs to
 * settle its column widths) and returns the problems the log reports.
 */
export function compileTable(texFile: string): LatexRun {
  const dir = mkdtempSync(join(tmpdir(), 'framescope-latex-'));
  const doc = join(dir, 'doc.tex');
  writeFileSync(
    doc,
    [...PREAMBLE, '\\begin{document}', `\\input{${resolve(texFile)}}`, '\\end{document}', ''].join('\n'),
  );
  let status: number | null = 0;
  for (let pass = 0; pass < 2 && status === 0; pass++)
    status = spawnSync(
      'pdflatex',
      ['-interaction=nonstopmode', '-halt-on-error', '-no-shell-escape', 'doc.tex'],
      {
        cwd: dir,
        stdio: 'ignore',
        timeout: 60_000,
      },
    ).status;
  const log = readFileSync(join(dir, 'doc.log'), 'latin1');
  const problems = log
    .split('\n')
    .filter((l) => /^!|Overfull \\[hv]box|LaTeX Error|Missing character/.test(l));
  return { status, pdf: join(dir, 'doc.pdf'), problems };
}
