import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import Papa from 'papaparse';
import { main } from '../src/cli/main.ts';
import { collectingIo } from './helpers/io.ts';
import { parseRfc4180 } from './helpers/rfc4180.ts';

/**
 * Issue 8: bad input never crashes a run or loses a result. Every broken input is generated here,
 * in a temporary folder (invented text only), and run through the real command line.
 */

const tmp = () => mkdtempSync(join(tmpdir(), 'framescope-robust-'));
// Compiled lexicons are cached in a folder of this test file's own (the packs are compiled once, not
// per run), never the user's.
process.env.FRAMESCOPE_CACHE_DIR = tmp();

type Row = Record<string, string>;

/** Reads a CSV output strictly (RFC 4180) and with papaparse, and checks both give the same cells. */
function readOutput(t: { deepEqual: (a: unknown, b: unknown, m?: string) => void }, path: string): Row[] {
  const text = readFileSync(path, 'utf8');
  const strict = parseRfc4180(text);
  // papaparse reads the final CRLF as the start of one more, empty record.
  const loose = Papa.parse<string[]>(text.replace(/\r\n$/, ''), { delimiter: ',', newline: '\r\n' });
  t.deepEqual(loose.errors, [], `${path}: papaparse errors`);
  t.deepEqual(loose.data, strict, `${path}: papaparse and the RFC 4180 reader disagree`);
  const [header = [], ...rows] = strict;
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

const ARTICLE = [
  'Harbour Accord Signed',
  '',
  'The two port authorities signed the harbour accord on Thursday. Officials said the terms were fair.',
  '',
  'Fishing crews expect the new quotas to take effect next spring.',
].join('\n');

/** A folder corpus with one input per kind of breakage; returns the article files it holds. */
function brokenFolder(dir: string): { corpus: string; meta: string; files: string[] } {
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  const put = (name: string, content: string | Buffer) => writeFileSync(join(corpus, name), content);
  put('good.txt', ARTICLE);
  put('empty.txt', '');
  put('binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]));
  // "Café au lait, naïve façade." in Latin-1.
  put('latin1.txt', Buffer.from('Caf\xe9 au lait was served. The na\xefve fa\xe7ade held.\n', 'latin1'));
  // Windows-1252 curly quotes (0x93/0x94) and an en dash (0x96).
  put(
    'cp1252.txt',
    Buffer.from([...Buffer.from('He said \x93no\x94 \x96 twice. Then he left.', 'latin1')].map((b) => b)),
  );
  put('big.txt', `${'A long sentence about harbour quotas and fishing crews. '.repeat(60)}\n`);
  put('no-sentence-end.txt', 'harbour talks resume\nno agreement yet on quotas\nboth sides wait');
  put(
    'odd-quotes.txt',
    'The mayor said "the harbour stays open. Crews were relieved.\n\nTalks resume Monday.',
  );
  put(
    'page.html',
    '<html><body><h1>Quota Talks</h1><p>The talks ended without a deal. Both sides will meet again.</p></body></html>',
  );
  // A link to nowhere: the file is listed but cannot be read.
  symlinkSync(join(corpus, 'does-not-exist.txt'), join(corpus, 'dangling.txt'));
  const meta = join(dir, 'meta.csv');
  writeFileSync(meta, 'file,outlet\ngood.txt,Harbour Gazette\nghost.txt,Nobody Daily\n');
  const files = readdirSync(corpus).sort();
  return { corpus, meta, files };
}

const MAX_BYTES = '2000';

test('a folder seeded with broken files: every problem is listed with a place and a hint, every file is a row', async (t) => {
  const dir = tmp();
  const { corpus, meta, files } = brokenFolder(dir);
  const out = join(dir, 'out');
  const c = collectingIo();
  const code = await main(
    ['analyze', corpus, '--metadata', meta, '--out', out, '--max-bytes', MAX_BYTES, '--quiet'],
    c.io,
  );
  t.is(code, 1, c.err());
  const articles = readOutput(t, join(out, 'articles.csv'));
  // The counts add up: each input file is one row, analysed or skipped with its reason.
  t.deepEqual(articles.map((r) => r['id']).sort(), files);
  const status = Object.fromEntries(
    articles.map((r) => [r['id'], [r['status'], r['skip_reason']?.split(':')[0]]]),
  );
  t.deepEqual(status, {
    'big.txt': ['skipped', 'input/too-large'],
    'binary.txt': ['skipped', 'input/binary-file'],
    'cp1252.txt': ['analysed', ''],
    'dangling.txt': ['skipped', 'input/unreadable'],
    'empty.txt': ['skipped', 'input/empty-file'],
    'good.txt': ['analysed', ''],
    'latin1.txt': ['analysed', ''],
    'no-sentence-end.txt': ['analysed', ''],
    'odd-quotes.txt': ['analysed', ''],
    'page.html': ['analysed', ''],
  });
  t.is(articles.find((r) => r['id'] === 'good.txt')?.['outlet'], 'Harbour Gazette');

  const issues = readOutput(t, join(out, 'issues.csv'));
  const byCode = (code: string) => issues.filter((i) => i['code'] === code);
  for (const [code, file] of [
    ['input/too-large', 'big.txt'],
    ['input/binary-file', 'binary.txt'],
    ['input/empty-file', 'empty.txt'],
    ['input/unreadable', 'dangling.txt'],
    ['input/not-utf8', 'latin1.txt'],
    ['input/not-utf8', 'cp1252.txt'],
    ['text/no-sentence-end', 'no-sentence-end.txt'],
  ] as const) {
    const found = byCode(code).find((i) => i['file']?.endsWith(file));
    t.truthy(found, `${code} for ${file}`);
    t.true((found?.['hint'] ?? '').length > 10, `${code} says what to do`);
  }
  const unmatched = byCode('metadata/unmatched-row');
  t.is(unmatched.length, 1);
  t.is(unmatched[0]?.['line'], '3', 'the sidecar row is named by its line');
  t.regex(unmatched[0]?.['message'] ?? '', /ghost\.txt/);
  // Every problem names a file; skipped inputs and unreadable files are errors, decoding is a warning.
  for (const i of issues) t.not(i['file'], '', `${i['code']} names its file`);

  // Text that was decoded from Windows-1252 is the text as written.
  const structure = readOutput(t, join(out, 'structure.csv'));
  const cp = structure
    .filter((r) => r['article'] === 'cp1252.txt')
    .map((r) => r['text'])
    .join('\n');
  t.regex(cp, /He said “no” – twice\./);
  const latin = structure
    .filter((r) => r['article'] === 'latin1.txt')
    .map((r) => r['text'])
    .join('\n');
  t.regex(latin, /Café au lait/);
  t.regex(readFileSync(join(out, 'report.md'), 'utf8'), /Inputs skipped: 4/);
});

test('a text with an odd number of quote marks is analysed, and the unclosed quote is reported with its place', async (t) => {
  const dir = tmp();
  const { corpus } = brokenFolder(dir);
  const out = join(dir, 'out');
  t.is(
    await main(['analyze', join(corpus, 'odd-quotes.txt'), '--out', out, '--quiet'], collectingIo().io),
    0,
  );
  const rows = readOutput(t, join(out, 'articles.csv'));
  t.deepEqual(
    rows.map((r) => r['status']),
    ['analysed'],
  );
  const unclosed = readOutput(t, join(out, 'issues.csv')).filter((i) => i['code'] === 'text/unclosed-quote');
  t.is(unclosed.length, 1);
  // The mark is the first quote of 'The mayor said "the harbour ...', line 1, column 16.
  t.is(unclosed[0]?.['line'], '1');
  t.is(unclosed[0]?.['column'], '16');
  t.truthy(unclosed[0]?.['hint']);
});

test('--strict turns a warning into exit 1; without it a warning alone exits 0', async (t) => {
  const dir = tmp();
  const file = join(dir, 'latin1.txt');
  writeFileSync(file, Buffer.from('Caf\xe9 prices rose. Crews complained.\n', 'latin1'));
  const plain = collectingIo();
  t.is(await main(['analyze', file, '--out', join(dir, 'a'), '--quiet'], plain.io), 0, plain.err());
  t.is(await main(['analyze', file, '--out', join(dir, 'b'), '--quiet', '--strict'], collectingIo().io), 1);
  const issues = readOutput(t, join(dir, 'b', 'issues.csv'));
  t.true(issues.some((i) => i['code'] === 'input/not-utf8' && i['severity'] === 'warning'));
});

test('--strict on a clean corpus exits 0 (the built-in packs check without warnings)', async (t) => {
  const dir = tmp();
  const clean = join(dir, 'clean.txt');
  writeFileSync(clean, ARTICLE);
  const out = join(dir, 'c');
  const code = await main(['analyze', clean, '--out', out, '--quiet', '--strict'], collectingIo().io);
  t.deepEqual(
    readOutput(t, join(out, 'issues.csv')).map((i) => `${i['code']} ${i['file']}:${i['line']}`),
    [],
  );
  t.is(code, 0);
});

test('an unknown option exits 2, names the option and writes nothing', async (t) => {
  const dir = tmp();
  writeFileSync(join(dir, 'a.txt'), ARTICLE);
  const c = collectingIo();
  t.is(await main(['analyze', join(dir, 'a.txt'), '--out', join(dir, 'out'), '--colour'], c.io), 2);
  t.regex(c.err(), /--colour/);
  t.regex(c.err(), /--help/);
  t.false(existsSync(join(dir, 'out')));
  const d = collectingIo();
  t.is(
    await main(['analyze', join(dir, 'a.txt'), '--out', join(dir, 'out'), '--max-bytes', 'lots'], d.io),
    2,
  );
  t.regex(d.err(), /--max-bytes expects a positive whole number, found "lots"/);
});

async function runCsv(dir: string, name: string, content: string | Buffer, extra: string[] = []) {
  const file = join(dir, name);
  writeFileSync(file, content);
  const out = join(dir, `out-${name}`);
  const c = collectingIo();
  const code = await main(['analyze', file, '--out', out, '--quiet', ...extra], c.io);
  return { code, err: c.err(), out, file };
}

test('a CSV with duplicate ids: every record is a row, renamed ids are reported with their line', async (t) => {
  const dir = tmp();
  const r = await runCsv(
    dir,
    'dup.csv',
    'id,outlet,text\r\nq1,Gazette,The harbour opened today.\r\nq2,Courier,The quota was cut.\r\nq1,Herald,"Crews said ""no"" twice."\r\n',
  );
  t.is(r.code, 0, r.err);
  const rows = readOutput(t, join(r.out, 'articles.csv'));
  t.deepEqual(
    rows.map((x) => [x['id'], x['status'], x['outlet']]),
    [
      ['q1', 'analysed', 'Gazette'],
      ['q2', 'analysed', 'Courier'],
      ['q1#2', 'analysed', 'Herald'],
    ],
  );
  const dup = readOutput(t, join(r.out, 'issues.csv')).find((i) => i['code'] === 'input/duplicate-id');
  t.is(dup?.['line'], '4');
  t.is(dup?.['article'], 'q1#2');
  t.truthy(dup?.['hint']);
});

test('a CSV without the text column: exit 2 with the reason and the columns on stderr, and no report written', async (t) => {
  const dir = tmp();
  const r = await runCsv(dir, 'nocol.csv', 'id,body\nn1,The harbour opened.\nn2,The quota was cut.\n');
  t.is(r.code, 2);
  t.regex(r.err, /no article could be read from .*nocol\.csv/);
  t.regex(
    r.err,
    /nocol\.csv:1: csv\/missing-column: no column "text" holds the article text; the columns are: id, body/,
  );
  t.regex(r.err, /--text-column/);
  // The message names what a user can act on, once: not each record the missing column skipped.
  t.is(r.err.match(/csv\/missing-column/g)?.length, 1, r.err);
  t.false(existsSync(r.out), 'no empty report is written');
  // The right column name reads them.
  const ok = await runCsv(dir, 'nocol2.csv', 'id,body\nn1,The harbour opened.\n', ['--text-column', 'body']);
  t.is(ok.code, 0, ok.err);
});

test('a JSONL file whose records lack the text field, and an empty folder: exit 2, saying why', async (t) => {
  const dir = tmp();
  const jsonl = await runCsv(dir, 'notext.jsonl', '{"id":"a","body":"The harbour opened."}\n');
  t.is(jsonl.code, 2);
  t.regex(jsonl.err, /no string field "text"; its fields are: id, body/);
  const empty = join(dir, 'empty');
  mkdirSync(empty);
  const c = collectingIo();
  t.is(await main(['analyze', empty, '--out', join(dir, 'out-empty'), '--quiet'], c.io), 2);
  t.regex(c.err(), /no article could be read from .*empty: it holds none/);
});

test('a CSV with an unclosed quote: the problem names its line, and the records it swallowed are still read', async (t) => {
  const dir = tmp();
  const content = [
    'id,outlet,text',
    'u1,Gazette,The harbour opened today.',
    'u2,Courier,"The quota was cut. A closing quote is missing here.',
    'u3,Herald,Crews protested at the pier.',
    'u4,Post,"Talks resume Monday, officials said."',
    '',
  ].join('\r\n');
  const r = await runCsv(dir, 'quotes.csv', content);
  t.is(r.code, 1);
  const issue = readOutput(t, join(r.out, 'issues.csv')).find((i) => i['code'] === 'csv/unbalanced-quotes');
  t.is(issue?.['line'], '3');
  t.regex(issue?.['hint'] ?? '', /close the quote/);
  const rows = readOutput(t, join(r.out, 'articles.csv'));
  t.deepEqual(
    rows.map((x) => [x['id'], x['status'], x['outlet']]),
    [
      ['u1', 'analysed', 'Gazette'],
      ['u2', 'analysed', 'Courier'],
      ['u3', 'analysed', 'Herald'],
      ['u4', 'analysed', 'Post'],
    ],
  );
  const structure = readOutput(t, join(r.out, 'structure.csv'));
  const u2 = structure
    .filter((x) => x['article'] === 'u2')
    .map((x) => x['text'])
    .join(' ');
  t.is(u2, 'The quota was cut. A closing quote is missing here.');
  // The recovered records keep their own lines.
  const manifest = JSON.parse(readFileSync(join(r.out, 'manifest.json'), 'utf8')) as {
    inputs: { id: string; line: number }[];
  };
  t.deepEqual(
    manifest.inputs.map((i) => [i.id, i.line]),
    [
      ['u1', 2],
      ['u2', 3],
      ['u3', 4],
      ['u4', 5],
    ],
  );
});

test('an unclosed quote inside a two-column CSV of prose is not split into invented records', async (t) => {
  const dir = tmp();
  const r = await runCsv(
    dir,
    'prose.csv',
    'id,text\np1,"He said ""stop, now.\nThen, later, he left.\nAnd, so, it ended.\n',
  );
  t.is(r.code, 1);
  const rows = readOutput(t, join(r.out, 'articles.csv'));
  t.deepEqual(
    rows.map((x) => x['id']),
    ['p1'],
  );
});

test('a CSV in Windows-1252 is decoded and reported, not read as replacement characters', async (t) => {
  const dir = tmp();
  const r = await runCsv(
    dir,
    'latin.csv',
    Buffer.from('id,text\r\nl1,Caf\xe9 prices rose \x96 again.\r\n', 'latin1'),
  );
  t.is(r.code, 0, r.err);
  const issues = readOutput(t, join(r.out, 'issues.csv'));
  t.true(issues.some((i) => i['code'] === 'input/not-utf8' && i['file'] === r.file));
  const text = readOutput(t, join(r.out, 'structure.csv'))
    .map((x) => x['text'])
    .join(' ');
  t.regex(text, /Café prices rose – again\./);
  t.notRegex(text, /\ufffd/);
});

test('a JSONL corpus with broken lines: each line is a row, analysed or skipped with file and line', async (t) => {
  const dir = tmp();
  const lines = [
    JSON.stringify({ id: 'j1', text: 'The harbour opened today.' }),
    '{"id": "j2", "text": "unterminated',
    '[1, 2, 3]',
    JSON.stringify({ id: 'j4', body: 'No text field here.' }),
    JSON.stringify({ id: { nested: true }, text: 'An object as an id.' }),
    '',
    JSON.stringify({ id: 'j6', text: '   ' }),
  ];
  const r = await runCsv(dir, 'c.jsonl', `${lines.join('\n')}\n`);
  t.is(r.code, 1);
  const rows = readOutput(t, join(r.out, 'articles.csv'));
  t.deepEqual(
    rows.map((x) => [x['id'], x['status'], x['skip_reason']?.split(':')[0]]),
    [
      ['j1', 'analysed', ''],
      ['{"nested":true}', 'analysed', ''],
      ['line-2', 'skipped', 'jsonl/bad-json'],
      ['line-3', 'skipped', 'jsonl/not-an-object'],
      ['j4', 'skipped', 'jsonl/missing-text'],
      ['j6', 'skipped', 'input/empty-text'],
    ],
  );
  const issues = readOutput(t, join(r.out, 'issues.csv')).filter((i) => i['file'] === r.file);
  t.deepEqual(
    issues.map((i) => [i['code'], i['line']]),
    [
      ['jsonl/bad-json', '2'],
      ['jsonl/not-an-object', '3'],
      ['jsonl/missing-text', '4'],
      ['input/empty-text', '7'],
    ],
  );
});

test('binary, empty and oversized standard input: exit 2 with the reason, not a crash', async (t) => {
  const { Readable } = await import('node:stream');
  const dir = tmp();
  for (const [bytes, code] of [
    [Buffer.from([0x00, 0x01, 0x02, 0x00]), 'input/binary-file'],
    [Buffer.alloc(0), 'input/empty-file'],
    [Buffer.from('x'.repeat(300)), 'input/too-large'],
  ] as const) {
    const c = collectingIo();
    const out = join(dir, code.replace('/', '-'));
    const exit = await main(['analyze', '-', '--out', out, '--quiet', '--max-bytes', '200'], {
      ...c.io,
      stdin: Readable.from([bytes]),
    });
    // Nothing could be read: the run stops with the reason (issue 17), rather than write an empty report.
    t.is(exit, 2, c.err());
    t.regex(c.err(), new RegExp(`no article could be read from -[\\s\\S]*<stdin>.*${code}`));
    t.false(existsSync(out));
  }
});
