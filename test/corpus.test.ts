import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import test from 'ava';
import { type CorpusItem, htmlToText, readCorpus } from '../src/corpus/index.ts';

async function collect(gen: AsyncGenerator<CorpusItem>): Promise<CorpusItem[]> {
  const out: CorpusItem[] = [];
  for await (const item of gen) out.push(item);
  return out;
}
const articles = (items: CorpusItem[]) => items.flatMap((i) => (i.kind === 'article' ? [i.article] : []));
const issues = (items: CorpusItem[]) => items.flatMap((i) => (i.kind === 'article' ? [] : [i.issue]));
const tmp = () => mkdtempSync(join(tmpdir(), 'framescope-corpus-'));

test('a folder is read recursively in sorted order; other files are listed, not dropped', async (t) => {
  const dir = tmp();
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'b.txt'), 'Second article.');
  writeFileSync(join(dir, 'a.md'), '# First\n\nFirst article.');
  writeFileSync(join(dir, 'sub', 'c.html'), '<p>Third article.</p>');
  writeFileSync(join(dir, 'notes.docx'), 'x');
  writeFileSync(join(dir, 'README.md'), 'About this corpus.');
  const items = await collect(readCorpus({ input: dir }));
  t.deepEqual(
    articles(items).map((a) => a.id),
    ['a.md', 'b.txt', 'sub/c.html'],
  );
  t.deepEqual(
    issues(items)
      .map((i) => i.code)
      .sort(),
    ['input/documentation-file', 'input/not-an-article-file'],
  );
});

test('empty, binary, UTF-16 and oversized files are skipped with a reason; Windows-1252 is decoded and reported', async (t) => {
  const dir = tmp();
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x10]));
  writeFileSync(join(dir, 'utf16.txt'), Buffer.from('\ufeffhello', 'utf16le'));
  writeFileSync(join(dir, 'big.txt'), 'x'.repeat(200));
  writeFileSync(
    join(dir, 'latin.txt'),
    Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x6f, 0x6b, 0x94, 0x2e]),
  );
  writeFileSync(
    join(dir, 'bom.txt'),
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Fine\r\ntext.')]),
  );
  const items = await collect(readCorpus({ input: dir }, { maxBytes: 100 }));
  const skipped = items.flatMap((i) => (i.kind === 'skipped' ? [[i.skipped.id, i.skipped.code]] : []));
  t.deepEqual(skipped, [
    ['big.txt', 'input/too-large'],
    ['binary.txt', 'input/binary-file'],
    ['empty.txt', 'input/empty-file'],
    ['utf16.txt', 'input/utf16-file'],
  ]);
  const byId = new Map(articles(items).map((a) => [a.id, a.text]));
  t.is(byId.get('latin.txt'), 'Café “ok”.');
  t.is(byId.get('bom.txt'), 'Fine\r\ntext.', 'BOM removed, CRLF kept so offsets match the file');
  t.true(issues(items).some((i) => i.code === 'input/not-utf8' && i.file?.endsWith('latin.txt')));
});

test('a CSV is streamed: text and id columns, other columns kept as metadata, lines counted', async (t) => {
  const dir = tmp();
  const file = join(dir, 'c.csv');
  writeFileSync(
    file,
    'id,outlet,body\nx1,Northwire,"One line."\nx2,VNA,"Two\nlines."\nx3,Courier,"Three."\n',
  );
  const items = await collect(readCorpus({ input: file }, { textColumn: 'body' }));
  const a = articles(items);
  t.deepEqual(
    a.map((x) => [x.id, x.metadata['outlet'], x.source.line]),
    [
      ['x1', 'Northwire', 2],
      ['x2', 'VNA', 3],
      ['x3', 'Courier', 5],
    ],
  );
  t.is(a[1]!.text, 'Two\nlines.');
});

test('a CSV without the text column is an error naming the columns; duplicate ids are renamed and reported', async (t) => {
  const dir = tmp();
  const file = join(dir, 'c.csv');
  writeFileSync(file, 'id,content\n1,a\n');
  const missing = await collect(readCorpus({ input: file }));
  t.is(issues(missing)[0]?.code, 'csv/missing-column');
  t.regex(issues(missing)[0]?.message ?? '', /id, content/);
  writeFileSync(file, 'id,text\nsame,First text.\nsame,Second text.\n');
  const dup = await collect(readCorpus({ input: file }));
  t.deepEqual(
    articles(dup).map((a) => a.id),
    ['same', 'same#2'],
  );
  t.is(issues(dup)[0]?.code, 'input/duplicate-id');
});

test('a CSV with an unclosed quote is reported with its line', async (t) => {
  const dir = tmp();
  const file = join(dir, 'c.csv');
  writeFileSync(file, 'id,text\n1,"fine"\n2,"never closed\n3,more\n');
  const items = await collect(readCorpus({ input: file }));
  const bad = issues(items).find((i) => i.code === 'csv/unbalanced-quotes');
  t.truthy(bad);
  t.is(bad?.line, 3);
});

test('JSONL: one object per line, bad lines skipped with their line number', async (t) => {
  const dir = tmp();
  const file = join(dir, 'c.jsonl');
  writeFileSync(
    file,
    '{"id":"a","text":"Alpha.","outlet":"X"}\n{not json\n{"id":"b","text":"Beta.","n":3}\n',
  );
  const items = await collect(readCorpus({ input: file }));
  t.deepEqual(
    articles(items).map((a) => [a.id, a.source.line]),
    [
      ['a', 1],
      ['b', 3],
    ],
  );
  t.is(articles(items)[1]!.metadata['n'], '3');
  const skipped = items.find((i) => i.kind === 'skipped');
  t.is(skipped?.kind === 'skipped' ? skipped.skipped.line : -1, 2);
});

test('standard input is one article, or a CSV/JSONL corpus with --format', async (t) => {
  const one = await collect(readCorpus({ input: '-', stdin: Readable.from([Buffer.from('From a pipe.')]) }));
  t.is(articles(one)[0]?.text, 'From a pipe.');
  const many = await collect(
    readCorpus({ input: '-', stdin: Readable.from(['{"id":"p","text":"Piped."}\n']) }, { format: 'jsonl' }),
  );
  t.is(articles(many)[0]?.id, 'p');
});

test('a metadata sidecar joins on file name; rows that match no article are reported with their line', async (t) => {
  const dir = tmp();
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  writeFileSync(join(corpus, 'one.txt'), 'One.');
  writeFileSync(join(corpus, 'two.txt'), 'Two.');
  const meta = join(corpus, 'meta.csv');
  writeFileSync(meta, 'file,outlet,date\none.txt,VNA,2031-03-12\nthree.txt,Nobody,2031-03-13\n');
  const items = await collect(readCorpus({ input: corpus, metadata: meta }));
  const a = articles(items);
  t.is(a[0]?.metadata['outlet'], 'VNA');
  t.deepEqual(a[1]?.metadata, {});
  const unmatched = issues(items).find((i) => i.code === 'metadata/unmatched-row');
  t.is(unmatched?.line, 3);
  t.false(
    issues(items).some((i) => i.file === meta && i.code === 'input/not-an-article-file'),
    'the sidecar is not an article',
  );
});

test('HTML is reduced to text with a map back to source offsets; scripts give no text', (t) => {
  const html =
    '<html><head><title>T</title><script>var x = 1;</script></head><body><h1>Head &amp; line</h1><p>Body  text\n here.</p></body></html>';
  const { text, sourceMap, title } = htmlToText(html);
  t.is(text, 'Head & line\nBody text here.');
  t.is(title, 'T');
  t.false(text.includes('var x'));
  const seg = sourceMap.find((s) => text.slice(s.textStart, s.textStart + s.length).startsWith('Body'));
  t.truthy(seg);
  t.is(html.slice(seg!.sourceStart, seg!.sourceStart + 4), 'Body');
});
