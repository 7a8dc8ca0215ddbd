/**
 * Text for LaTeX: every LaTeX special escaped; other Unicode (curly quotes, dashes, accents)
 * passes through as UTF-8, so the document needs `\usepackage[utf8]{inputenc}` (the default
 * since LaTeX 2018) or a Unicode engine (XeLaTeX, LuaLaTeX). The escaping is escape/latex.ts's
 * (a cell starting with `[` guarded, control characters dropped); the tables are in latexTables.ts.
 */
export { escapeLatex } from './escape/latex.ts';
