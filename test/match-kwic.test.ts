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
