import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { runCli } from './helpers/io.ts';

// A message says what is wrong in the user's words: the option or file, never the name of the
// function that found it ("loadPacks: ...") nor a bare system error ("ENOENT").

const out = () => join(mkdtempSync(join(tmpdir(), 'framescope-messages-')), 'out');
const missing = join(tmpdir(), 'framescope-no-such-file');

const CASES: readonly (readonly [what: string, args: () => string[], says: RegExp])[] = [
  [
    'a lexicon pack that is not there (check)',
    () => ['lexicon', 'check', missing],
    /no lexicon file or folder at/,
  ],
  [
    'a lexicon pack that is not there (analyze)',
    () => ['analyze', 'reports/example-corpus', '--out', out(), '--lexicon', missing],
    /no lexicon file or folder at/,
  ],
  [
    'a shard out of range',
    () => ['analyze', 'reports/example-corpus', '--out', out(), '--shard', '4/3'],
    /--shard i\/n needs i from 1 to 3, found 4/,
  ],
  [
    'a metadata file that is not there',
    () => ['analyze', 'reports/example-corpus', '--out', out(), '--metadata', missing],
    /--metadata .*: no such file/,
  ],
  [
    '--digits out of range',
    () => ['analyze', 'reports/example-corpus', '--out', out(), '--digits', '0'],
    /--digits/,
  ],
];

for (const [what, args, says] of CASES)
  test(`${what}: exit 2, and the message names no internal function`, async (t) => {
    const r = await runCli(args());
    t.is(r.code, 2, r.err);
    t.regex(r.err, says);
    // An internal name is a camelCase word before a colon (loadPacks:, parseShard:, buildManifest:).
    t.notRegex(r.err, /\b[a-z]+[A-Z][A-Za-z]*:/, r.err);
    t.notRegex(r.err, /ENOENT|EACCES|at .*\.ts:\d+/, r.err);
  });
