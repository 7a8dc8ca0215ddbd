import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { framescope, readRows, tempDir } from './helpers/cli.ts';

/**
 * Issue 16, cases 8, 9 and 22 (weights): hostile lexicons and texts must keep a run bounded. No
 * timed assertion (machines are shared): a runaway run meets the child's timeout or ava's, and
 * scripts/bench-hostile.ts prints the times and memory.
 */

function pack(dir: string, name: string, entries: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `pack: ${name}\nkind: framing\nversion: 1.0.0\ndescription: Test pack.\nlicence: CC-BY-4.0 (framescope project)\ncitation: framescope test fixture\nentries:\n${entries}`,
  );
  return file;
}

const entry = (id: string, pattern: string, extra = '') =>
  `  - id: ${id}\n    category: test.${id}\n    patterns:\n      - '${pattern}'\n    rationale: Invented for a test.\n    evidence: None; a test fixture.\n${extra}`;

test.serial(
  'case 8: lexicon check refuses regexes that backtrack catastrophically, (a|a)+ included',
  async (t) => {
    const dir = tempDir('bounds');
    for (const regex of ['(a|a)+', '(a+)+b', '(\\w|\\d)+x', 'a*a*a*a*b']) {
      const file = pack(dir, 'hostile', entry('hostile', `re:${regex}`));
      const r = await framescope(['lexicon', 'check', file], { timeoutMs: 60_000 });
      t.is(r.code, 1, `${regex}: ${r.stdout}${r.stderr}`);
      t.regex(r.stdout + r.stderr, /lexicon\/unsafe-regex/, regex);
    }
    const safe = pack(dir, 'safe', entry('safe', 're:colou?r|stabili[sz](es|ed|ing)'));
    const ok = await framescope(['lexicon', 'check', safe]);
    t.is(ok.code, 0, ok.stdout + ok.stderr);
  },
);

test.serial(
  'case 8: a glob with many stars on long tokens matches in bounded time, and matches what it should',
  async (t) => {
    const dir = tempDir('bounds');
    const file = pack(dir, 'globs', entry('stars', 'a*a*a*a*a*a*a*a*a*a*a*b'));
    const check = await framescope(['lexicon', 'check', file]);
    t.is(check.code, 0, check.stdout + check.stderr);
    const miss = 'a'.repeat(60);
    const hit = `${'a'.repeat(59)}b`;
    writeFileSync(
      join(dir, 'a.txt'),
      `Glob Test\n\nThe word ${miss} is long. The word ${hit} matches. The end.\n`,
    );
    const r = await framescope(
      ['analyze', 'a.txt', '--lexicon', file, '--no-builtin-lexicons', '--out', 'out', '--quiet'],
      { cwd: dir, timeoutMs: 60_000 },
    );
    t.is(r.code, 0, `${r.signal ?? ''} ${r.stderr}`);
    t.deepEqual(
      readRows(join(dir, 'out', 'matches.csv')).map((m) => m['text']),
      [hit],
    );
  },
);

test.serial(
  'case 22: lexicon check refuses a weight that is not a finite number within the bound',
  async (t) => {
    const dir = tempDir('bounds');
    for (const weight of ['1e308', '-1e308', '1e7']) {
      const file = pack(dir, 'weights', entry('heavy', 'harbour', `    weight: ${weight}\n`));
      const r = await framescope(['lexicon', 'check', file]);
      t.is(r.code, 1, `${weight}: ${r.stdout}${r.stderr}`);
      t.regex(r.stdout + r.stderr, /lexicon\/bad-value.*weight/, weight);
    }
    const fine = pack(dir, 'weights', entry('light', 'harbour', '    weight: -2.5\n'));
    const ok = await framescope(['lexicon', 'check', fine]);
    t.is(ok.code, 0, ok.stdout + ok.stderr);
  },
);

const WIRE =
  'The harbour accord was signed on Thursday after weeks of talks. Officials said the deal would cut tariffs on fish and grain. The minister said it was fair to both sides. Critics said the text was rushed and that fishermen were not consulted. The agreement takes effect next month, officials said, and will be reviewed in a year.';

// Deferred until the run layer lands (issue 13): compare/reuse.ts groups copies into clusters and
// reuse.csv lists one row per copy against the cluster's representative. Turn into a plain test then.
test.serial(
  'case 9: a flood of 200 near-identical articles lists each copy once, not every pair',
  async (t) => {
    const dir = tempDir('bounds');
    const lines = Array.from({ length: 200 }, (_, i) =>
      JSON.stringify({ id: `w${i}`, text: WIRE.replace('Thursday', `Thursday ${i}`) }),
    );
    writeFileSync(join(dir, 'flood.jsonl'), `${lines.join('\n')}\n`);
    const r = await framescope(['analyze', 'flood.jsonl', '--out', 'out', '--quiet'], { cwd: dir });
    t.is(r.code, 0, r.stderr);
    const rows = readRows(join(dir, 'out', 'reuse.csv'));
    t.true(rows.length <= 199, `${rows.length} rows for 200 copies`);
    const named = new Set(rows.flatMap((row) => [row['article_a'], row['article_b']]));
    t.is(named.size, 200, 'every copy is named');
  },
);

/** Bytes of everything under `dir`. */
function bytesUnder(dir: string): number {
  let bytes = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    bytes += statSync(p).isDirectory() ? bytesUnder(p) : statSync(p).size;
  }
  return bytes;
}

// Attribution content is capped in characters and flagged (a run-on sentence would otherwise give
// every cue the rest of the text as its content: outputs growing with the square of the input).
test.serial(
  'case 9: a run-on text of "said" and "officials" gives outputs in proportion to its size',
  async (t) => {
    const dir = tempDir('bounds');
    const words = ['said', 'officials', 'the', 'minister', 'said', 'that', 'officials'];
    const runOn = (chars: number) => {
      let text = '';
      for (let k = 0; text.length < chars; k++)
        text += `${words[k % words.length]}${k % 13 === 12 ? ', ' : ' '}`;
      return text;
    };
    const sizes = [8_000, 32_000];
    const bytes: number[] = [];
    for (const size of sizes) {
      writeFileSync(join(dir, `runon-${size}.txt`), runOn(size));
      const out = `out-${size}`;
      const r = await framescope(['analyze', `runon-${size}.txt`, '--out', out, '--quiet'], { cwd: dir });
      t.is(r.code, 0, r.stderr);
      t.true(readFileSync(join(dir, out, 'report.md'), 'utf8').length > 0);
      t.true(
        readRows(join(dir, out, 'issues.csv')).some((i) => i['code'] === 'attribution/content-cut'),
        'the cut content is flagged',
      );
      bytes.push(bytesUnder(join(dir, out)));
    }
    // Four times the text: about four times the outputs (the square would give sixteen).
    const growth = (bytes[1] as number) / (bytes[0] as number);
    t.true(growth < 5, `outputs of ${bytes.join(' and ')} bytes for ${sizes.join(' and ')} characters`);
  },
);
