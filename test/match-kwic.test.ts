import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { runKwic } from '../src/cli/kwicCommand.ts';

test('kwic prints id, line:column and the context of each hit', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'framescope-kwic-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'one.txt'),
    'Title line\n\nThe widget makers praised the shiny widgets at the fair.\n',
  );
  writeFileSync(join(dir, 'two.txt'), 'Nothing here.\n');
  let out = '';
  let err = '';
  const code = await runKwic(['shiny widget', dir, '--window', '2'], {
    stdout: (s) => {
      out += s;
    },
    stderr: (s) => {
      err += s;
    },
  });
  t.is(code, 0);
  t.is(out, 'one.txt\t3:31\tpraised the | shiny widgets | at the\tauthorial\n');
  t.regex(err, /1 hits in 2 articles/);
});

test('kwic reports a bad pattern and exits 2', async (t) => {
  let err = '';
  const code = await runKwic(['re:(a+)+', '.'], {
    stdout: () => {},
    stderr: (s) => {
      err += s;
    },
  });
  t.is(code, 2);
  t.regex(err, /lexicon\/unsafe-regex/);
});

test('kwic reads its inputs with the options analyze reads them with', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'framescope-kwic-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const csv = join(dir, 'rows.csv');
  writeFileSync(csv, 'key,body,text\nk1,The shiny widgets sold out.,no widget here\n');
  const run = async (...args: string[]) => {
    let out = '';
    let err = '';
    const code = await runKwic(args, {
      stdout: (s) => {
        out += s;
      },
      stderr: (s) => {
        err += s;
      },
    });
    return { code, out, err };
  };
  const read = await run('shiny widget', csv, '--text-column', 'body', '--id-column', 'key', '--window', '1');
  t.is(read.code, 0);
  t.is(read.out, 'k1\t1:5\tThe | shiny widgets | sold\tauthorial\n');
  const small = await run('shiny widget', csv, '--text-column', 'body', '--max-bytes', '10');
  t.is(small.out, '', 'a cell over --max-bytes is skipped, as analyze skips it');
  t.regex(small.err, /0 hits in 0 articles/);
  await t.throwsAsync(run('widget', csv, '--format', 'docx'), { message: /kwic: --format expects one of/ });
  await t.throwsAsync(run('widget', csv, '--windw', '2'), { message: /Unknown option '--windw'/ });
});
