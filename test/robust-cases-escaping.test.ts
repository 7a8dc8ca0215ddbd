import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import test from 'ava';
import { ARTICLE_TEXT, framescope, readRows, tempDir } from './helpers/cli.ts';

/**
 * Issue 16, cases 11-14: text from the corpus must never become markup, a formula or a terminal
 * command in what framescope writes or prints.
 */

const jsonl = (rows: readonly Record<string, string>[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join('');

/** Every output file under `dir` whose name ends with one of `extensions`, with its text. */
function outputs(dir: string, extensions: readonly string[]): [string, string][] {
  const found: [string, string][] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (extensions.some((e) => f.endsWith(e))) found.push([relative(dir, p), readFileSync(p, 'utf8')]);
    }
  };
  walk(dir);
  return found;
}

// Deferred until the report writers are split (issue 13): one Markdown escaper used by every writer.
test.serial('case 11: a group name cannot put raw HTML into report.md', async (t) => {
  const dir = tempDir('escape');
  const event = 'x` <img src=x onerror=alert(1)> `y';
  writeFileSync(
    join(dir, 'c.jsonl'),
    jsonl([
      { id: 'e1', event, text: ARTICLE_TEXT },
      { id: 'e2', event, text: 'The minister said the harbour accord was fair. Critics disagreed.' },
    ]),
  );
  const r = await framescope(['analyze', 'c.jsonl', '--out', 'out', '--quiet'], { cwd: dir });
  t.is(r.code, 0, r.stderr);
  for (const [name, text] of outputs(join(dir, 'out'), ['.md'])) t.notRegex(text, /<img/i, name);
});

test.serial(
  'case 12: kwic prints terminal escape sequences from the text as visible escapes, never raw',
  async (t) => {
    const dir = tempDir('escape');
    writeFileSync(
      join(dir, 'c.jsonl'),
      jsonl([
        {
          id: 'k1\u001b[31m',
          text: 'The minister said \u001b[2J\u001b]0;pwned\u0007 the harbour accord was fair.\u009b31m Officials agreed.',
        },
      ]),
    );
    const r = await framescope(['kwic', 'harbour', 'c.jsonl'], { cwd: dir });
    t.is(r.code, 0, r.stderr);
    t.regex(r.stdout, /harbour/);
    // Tabs and the line end are kwic's own separators; nothing else below U+0020 or in U+007F-U+009F.
    t.notRegex(r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    // Shown instead: the id's colour sequence, and the bell of the title sequence in the context.
    t.regex(r.stdout, /^k1\\u001b\[31m\t/);
    t.regex(r.stdout, /pwned\\u0007 the \| harbour \|/);
  },
);

// Deferred until the report writers are split: one LaTeX escaper (a row starting with `[` after
// `\\` is guarded) and control characters removed by every writer.
test.serial(
  'case 13: a LaTeX row cannot start with [ after \\\\, and no control character reaches .tex, .csv or .md',
  async (t) => {
    const dir = tempDir('escape');
    writeFileSync(
      join(dir, 'c.jsonl'),
      jsonl([
        { id: 'l1', outlet: '[1] Gazette\u0007', event: '[a] harbour', text: ARTICLE_TEXT },
        {
          id: 'l2',
          outlet: '[2] Courier',
          event: '[a] harbour',
          text: 'The minister\u0007 said the harbour accord was fair.\u0001 Critics disagreed.',
        },
      ]),
    );
    const r = await framescope(['analyze', 'c.jsonl', '--latex', '--out', 'out', '--quiet'], { cwd: dir });
    t.is(r.code, 0, r.stderr);
    const tex = outputs(join(dir, 'out'), ['.tex']);
    t.true(tex.length > 0);
    for (const [name, text] of tex) t.notRegex(text, /\\\\\s*\[/, name);
    for (const [name, text] of outputs(join(dir, 'out'), ['.tex', '.csv', '.md']))
      t.notRegex(text, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/, name);
  },
);

// Deferred until the report writers are split: neutralisation per OWASP with leading white space
// and full-width signs, numbers and plain hyphenated text left alone.
test.serial(
  'case 14: formulas behind white space or a full-width sign are neutralised; "-2, came from" is not',
  async (t) => {
    const dir = tempDir('escape');
    const outlets = [' =1+1', '\n=1+1', '\uff1d1+1', '-2, came from', '-12'];
    writeFileSync(
      join(dir, 'c.jsonl'),
      jsonl(outlets.map((outlet, i) => ({ id: `f${i}`, outlet, text: ARTICLE_TEXT }))),
    );
    const r = await framescope(['analyze', 'c.jsonl', '--out', 'out', '--quiet'], { cwd: dir });
    t.is(r.code, 0, r.stderr);
    const cells = readRows(join(dir, 'out', 'articles.csv')).map((a) => a['outlet']);
    t.deepEqual(cells, ["' =1+1", "'\n=1+1", "'\uff1d1+1", '-2, came from', '-12']);
    // report.md's methods count the neutralised cells: here every cell of every CSV file that
    // starts with the added quote (the corpus has none of its own).
    let quoted = 0;
    for (const [name] of outputs(join(dir, 'out'), ['.csv']))
      for (const row of readRows(join(dir, 'out', name)))
        for (const v of Object.values(row)) if (v.startsWith("'")) quoted++;
    t.true(quoted >= 3);
    t.regex(
      readFileSync(join(dir, 'out', 'report.md'), 'utf8'),
      new RegExp(`\\b${quoted} text cells of the CSV files`),
    );
  },
);
