import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import Papa from 'papaparse';
import { createAnalyzer } from '../src/analyzer/analyzer.ts';
import { main } from '../src/cli/main.ts';
import type { Cell } from '../src/report/format.ts';
import { markdownTable } from '../src/report/markdown.ts';
import { StagedOutputFolder } from '../src/run/outputFolder.ts';
import type { Article } from '../src/types.ts';
import { collectingIo } from './helpers/io.ts';
import { parseRfc4180 } from './helpers/rfc4180.ts';
import { repoRoot } from './helpers/shared.ts';

/** Issue 8, outputs: nothing lost (atomic writes, --force), safe CSV and Markdown, clear API errors. */

const tmp = () => mkdtempSync(join(tmpdir(), 'framescope-robust-out-'));
// Compiled lexicons are cached in a folder of this test file's own (the packs are compiled once, not
// per run), never the user's.
process.env.FRAMESCOPE_CACHE_DIR = tmp();
/** Every file below `dir` (outputs may hold sub-folders) with its content. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }).sort((a, b) =>
    join(a.parentPath, a.name) < join(b.parentPath, b.name) ? -1 : 1,
  )) {
    if (e.isFile()) {
      const p = join(e.parentPath, e.name);
      out[p.slice(dir.length + 1)] = readFileSync(p, 'utf8');
    }
  }
  return out;
}
/** Writes every file into a staged folder, then puts it in place; a failed write discards it. */
async function writeStaged(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  const staged = await StagedOutputFolder.open(dir);
  try {
    for (const [name, content] of files) staged.write(name, content);
  } catch (e) {
    await staged.discard();
    throw e;
  }
  await staged.commit();
}
/** Names in `dir` left by a run: temp folders must never stay behind. */
const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('.framescope-tmp'));

function readBoth(path: string): string[][] {
  const text = readFileSync(path, 'utf8');
  const strict = parseRfc4180(text);
  // papaparse reads the final CRLF as the start of one more, empty record.
  const loose = Papa.parse<string[]>(text.replace(/\r\n$/, ''), { delimiter: ',', newline: '\r\n' });
  if (loose.errors.length > 0) throw new Error(`${path}: papaparse: ${JSON.stringify(loose.errors)}`);
  if (JSON.stringify(loose.data) !== JSON.stringify(strict))
    throw new Error(`${path}: papaparse and the RFC 4180 reader disagree`);
  return strict;
}
const column = (table: string[][], name: string) => {
  const i = (table[0] ?? []).indexOf(name);
  return table.slice(1).map((r) => r[i] ?? '');
};

function smallCorpus(dir: string, articles = 3, repeat = 1): string {
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  for (let i = 1; i <= articles; i++)
    writeFileSync(
      join(corpus, `a${i}.txt`),
      `Harbour Story ${i}\n\n${'The quota for crew number seven was cut again near the pier. '.repeat(repeat)}`,
    );
  return corpus;
}

test('a run that fails while writing leaves the previous outputs intact and no temp folder', (t) => {
  if (process.platform === 'win32') return t.pass('ulimit is POSIX');
  const dir = tmp();
  const corpus = smallCorpus(dir, 6, 40);
  const out = join(dir, 'out');
  const bin = join(repoRoot, 'src', 'cli', 'bin.js');
  const first = spawnSync(process.execPath, [bin, 'analyze', corpus, '--out', out, '--quiet'], {
    encoding: 'utf8',
  });
  t.is(first.status, 0, first.stderr);
  const before = snapshot(out);
  t.true(Buffer.byteLength(before['structure.csv'] ?? '') > 10_000, 'structure.csv is large enough to fail');
  // The file size limit (8 KiB) makes the larger outputs fail with EFBIG after the small ones are written.
  const second = spawnSync(
    'bash',
    [
      '-c',
      `ulimit -f 8; exec "${process.execPath}" "${bin}" analyze "${corpus}" --out "${out}" --quiet --max-bytes 99999`,
    ],
    { encoding: 'utf8' },
  );
  t.is(second.status, 2, second.stderr);
  t.regex(second.stderr, /EFBIG|too large/);
  t.deepEqual(snapshot(out), before);
  t.deepEqual(leftovers(dir), []);
});

test('a write that throws half-way removes its temp folder and keeps the old outputs', async (t) => {
  const dir = tmp();
  const out = join(dir, 'out');
  await writeStaged(out, new Map([['manifest.json', '{"tool":"framescope"}\n']]));
  const before = snapshot(out);
  const files = new Map<string, string>([
    ['articles.csv', 'id\r\n'],
    ['bad\u0000name.csv', 'x'],
  ]);
  await t.throwsAsync(writeStaged(out, files));
  t.deepEqual(snapshot(out), before);
  t.deepEqual(leftovers(dir), []);
});

test('--out whose parent is a file, or which is a file, exits 2 and leaves that file alone', async (t) => {
  const dir = tmp();
  const corpus = smallCorpus(dir);
  const file = join(dir, 'notes.txt');
  writeFileSync(file, 'my notes');
  const a = collectingIo();
  t.is(await main(['analyze', corpus, '--out', join(file, 'out'), '--quiet'], a.io), 2);
  t.regex(a.err(), /could not run/);
  for (const force of [[], ['--force']]) {
    const b = collectingIo();
    t.is(await main(['analyze', corpus, '--out', file, '--quiet', ...force], b.io), 2, force.join(''));
  }
  t.is(readFileSync(file, 'utf8'), 'my notes');
  t.deepEqual(leftovers(dir), []);
});

test('a run that cannot read its input leaves the previous outputs intact', async (t) => {
  const dir = tmp();
  const corpus = smallCorpus(dir);
  const out = join(dir, 'out');
  t.is(await main(['analyze', corpus, '--out', out, '--quiet'], collectingIo().io), 0);
  const before = snapshot(out);
  const c = collectingIo();
  t.is(await main(['analyze', join(dir, 'missing'), '--out', out, '--quiet'], c.io), 2);
  t.regex(c.err(), /input not found/);
  t.deepEqual(snapshot(out), before);
});

test('a folder holding only sub-folders is not framescope output either: refused without --force', async (t) => {
  const dir = tmp();
  const corpus = smallCorpus(dir);
  const out = join(dir, 'precious');
  mkdirSync(join(out, 'chapters'), { recursive: true });
  writeFileSync(join(out, 'chapters', 'one.md'), 'draft');
  const c = collectingIo();
  t.is(await main(['analyze', corpus, '--out', out, '--quiet'], c.io), 2);
  t.regex(c.err(), /--force/);
  t.is(readFileSync(join(out, 'chapters', 'one.md'), 'utf8'), 'draft');
});

test('a folder with a manifest.json framescope did not write is refused without --force (marker check by content)', async (t) => {
  const dir = tmp();
  const corpus = smallCorpus(dir);
  const out = join(dir, 'webapp');
  mkdirSync(out);
  writeFileSync(join(out, 'manifest.json'), '{"name": "my-web-app", "icons": []}\n');
  writeFileSync(join(out, 'index.html'), '<p>my site</p>');
  t.is(await main(['analyze', corpus, '--out', out, '--quiet'], collectingIo().io), 2);
  t.true(existsSync(join(out, 'index.html')));
});

const DANGEROUS = ['=SUM(1+1)', '+33 1 23', '-2+3', '@cmd', '\tTabbed', '\rReturn'];

test('CSV cells that a spreadsheet would run are neutralised; --raw-csv keeps them raw; both round-trip', async (t) => {
  const dir = tmp();
  const rows = DANGEROUS.map((d, i) => {
    const text = `${d} Headline ${i}\n\nThe quota was cut near the pier. Crews said "no", twice.`;
    return `x${i},${JSON.stringify(d).replace(/\\t/g, '\t').replace(/\\r/g, '\r')},"${text.replace(/"/g, '""')}"`;
  });
  const csv = join(dir, 'c.csv');
  writeFileSync(csv, `id,outlet,text\r\n${rows.join('\r\n')}\r\n`);
  const safe = join(dir, 'safe');
  const raw = join(dir, 'raw');
  t.is(await main(['analyze', csv, '--out', safe, '--quiet'], collectingIo().io), 0);
  t.is(await main(['analyze', csv, '--out', raw, '--quiet', '--raw-csv'], collectingIo().io), 0);
  for (const name of ['articles.csv', 'structure.csv', 'issues.csv']) {
    readBoth(join(safe, name));
    readBoth(join(raw, name));
  }
  const safeArticles = readBoth(join(safe, 'articles.csv'));
  const rawArticles = readBoth(join(raw, 'articles.csv'));
  t.deepEqual(column(rawArticles, 'outlet'), DANGEROUS);
  t.deepEqual(
    column(safeArticles, 'outlet'),
    DANGEROUS.map((d) => `'${d}`),
  );
  // Every text cell of every safe output starts with something a spreadsheet shows as text: no
  // `=`, `@`, tab or line end first; after `+` or `-` a number, or text with a letter and nothing
  // a formula needs to compute or call (see src/report/escape/csv.ts).
  for (const name of ['articles.csv', 'structure.csv']) {
    for (const row of readBoth(join(safe, name)).slice(1))
      for (const cell of row) {
        t.notRegex(cell, /^(\s*[=@\uff1d\uff20]|[\t\r\n])/, `${name}: ${JSON.stringify(cell)}`);
        const signed = /^\s*[+\-\uff0b\uff0d](.*)$/s.exec(cell);
        if (signed)
          t.true(
            /^\d+(\.\d*)?([eE][+-]?\d+)?%?$/.test(signed[1] as string) ||
              (/\p{L}/u.test(signed[1] as string) && !/[()[\]{}!|=+\-*/^&<>";:]/.test(signed[1] as string)),
            `${name}: ${JSON.stringify(cell)}`,
          );
      }
  }
  // Titles starting with a formula character are neutralised in structure.csv too.
  const texts = column(readBoth(join(safe, 'structure.csv')), 'text');
  t.true(texts.includes("'=SUM(1+1) Headline 0"));
  // Numbers (offsets, counts) are never prefixed.
  t.true(column(readBoth(join(safe, 'structure.csv')), 'start').every((v) => /^\d+$/.test(v)));
});

/** Splits a GFM table row into cells: a backslash escapes the next character, so `\|` is not a separator. */
function gfmCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  for (let i = 1; i < line.length - 1; i++) {
    const c = line[i] as string;
    if (c === '\\') {
      cell += c + (line[i + 1] ?? '');
      i++;
    } else if (c === '|') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

test('Markdown tables escape pipes and line breaks: every row keeps its number of cells', async (t) => {
  const cells: Cell[] = [
    'a | b',
    'line\nbreak',
    'cr\rlf\r\n',
    'back\\|slash',
    '\\',
    '|',
    '`code|`',
    null,
    1234.56789,
  ];
  const table = markdownTable(
    ['one', 'two', 'three'],
    [cells.slice(0, 3), cells.slice(3, 6), cells.slice(6, 9)],
  );
  const lines = table.split('\n');
  t.is(lines.length, 5, 'no cell broke its row');
  for (const line of lines) {
    t.true(line.startsWith('| ') && line.endsWith(' |'), line);
    t.is(gfmCells(line).length, 3, line);
  }
  t.false(/\r/.test(table));
  // And through the CLI: an id and a title with pipes and line breaks.
  const dir = tmp();
  const csv = join(dir, 'm.csv');
  writeFileSync(
    csv,
    'id,outlet,text\r\n"id|one\nsplit","Out|let","A | B Title\n\nBody text here. More body."\r\n',
  );
  const out = join(dir, 'out');
  t.is(await main(['analyze', csv, '--out', out, '--quiet'], collectingIo().io), 0);
  const report = readFileSync(join(out, 'report.md'), 'utf8').split('\n');
  const header = report.findIndex((l) => l.startsWith('| article |'));
  t.true(header >= 0);
  const width = gfmCells(report[header] as string).length;
  const row = report[header + 2] as string;
  t.is(gfmCells(row).length, width, row);
  t.regex(row, /id\\\|one split/);
});

test('library API: programmer errors throw with what was expected and what was found', (t) => {
  const cases: [() => unknown, RegExp][] = [
    [
      () => createAnalyzer({ colour: true } as never),
      /unknown option "colour"; expected one of lexicons, builtinLexicons/,
    ],
    [
      () => createAnalyzer({ lexicons: 'pack.yaml' } as never),
      /expecting "lexicons" to be an array of file paths, instead found "pack.yaml"/,
    ],
    [
      () => createAnalyzer({ builtinLexicons: 'yes' } as never),
      /expecting "builtinLexicons" to be a boolean, instead found string/,
    ],
    [() => createAnalyzer(null as never), /expecting an options object, instead found null/],
  ];
  for (const [fn, message] of cases) t.throws(fn, { instanceOf: TypeError, message });
  const analyzer = createAnalyzer();
  t.throws(() => analyzer.analyzeText(42 as never), {
    instanceOf: TypeError,
    message: /analyzeText: text: expecting a string, instead found number/,
  });
  t.throws(() => analyzer.analyzeArticle(null as never), {
    instanceOf: TypeError,
    message: /analyzeArticle: expecting an Article object, instead found null/,
  });
  t.throws(() => analyzer.analyzeArticle('text' as never), {
    instanceOf: TypeError,
    message: /expecting an Article object, instead found string/,
  });
  t.throws(() => analyzer.analyzeArticle({ id: 'a', text: 7 } as never), {
    instanceOf: TypeError,
    message: /article\.text: expecting a string, instead found number/,
  });
  t.throws(() => analyzer.analyzeArticle({ id: 3, text: 'x' } as never), {
    instanceOf: TypeError,
    message: /article\.id: expecting a string, instead found number/,
  });
});

test('library API: an article without a source says so', (t) => {
  const analyzer = createAnalyzer();
  const article = { id: 'a', text: 'no sentence end here', metadata: {} } as unknown as Article;
  t.throws(() => analyzer.analyzeArticle(article), {
    instanceOf: TypeError,
    message: /article\.source to be \{ file, format \}, instead found undefined/,
  });
});
