// Hostile inputs of issue 16 at 1x, 2x and 4x: wall time and peak RSS of the command line on each,
// so that a reader sees how time and memory grow (linear: x2 per step; quadratic: x4). The tests
// check what these runs write; only this script measures them. Usage:
//   node --import tsx scripts/bench-hostile.ts [--repo <checkout>] [--scales 1,2,4] [--only a,b] [--timeout 300]
// (--only takes case names, e.g. --only "near-duplicate flood,run-on text")
// --repo runs another checkout's command (e.g. the one before a change) on the same inputs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    repo: { type: 'string', default: resolve(import.meta.dirname, '..') },
    scales: { type: 'string', default: '1,2,4' },
    only: { type: 'string', default: '' },
    timeout: { type: 'string', default: '300' },
  },
});
const repo = resolve(values.repo);
const bin = join(repo, 'src', 'cli', 'bin.js');
const scales = values.scales.split(',').map(Number);
const timeoutSeconds = Number(values.timeout);
const work = mkdtempSync(join(tmpdir(), 'framescope-hostile-'));

interface Case {
  readonly name: string;
  /** What 1x is, for the table. */
  readonly unit: string;
  /** Writes the input for `scale` into `dir` and gives the command's arguments (run in `dir`). */
  readonly make: (dir: string, scale: number) => string[];
}

const SENTENCE = 'The minister said the accord was fair, officials agreed.';
const WIRE =
  'The harbour accord was signed on Thursday after weeks of talks. Officials said the deal would cut tariffs on fish and grain. The minister said it was fair to both sides. Critics said the text was rushed and that fishermen were not consulted. The agreement takes effect next month, officials said, and will be reviewed in a year.';

function pack(dir: string, pattern: string): string {
  const file = join(dir, 'pack.yaml');
  writeFileSync(
    file,
    `pack: hostile\nkind: framing\nversion: 1.0.0\ndescription: Bench pack.\nlicence: CC-BY-4.0\ncitation: bench\nentries:\n  - id: h\n    category: bench.h\n    patterns:\n      - '${pattern}'\n    rationale: Bench.\n    evidence: None.\n`,
  );
  return file;
}

const CASES: Case[] = [
  {
    name: 'unclosed-quote CSV',
    unit: '2,500 records after an unclosed quote, none recoverable',
    make: (dir, scale) => {
      // Records of two fields (no comma in the text), so that every line looks like a record start.
      const rows = ['id,text', `1,"${SENTENCE}`];
      for (let i = 2; i <= 2_500 * scale; i++) rows.push(`${i},Record ${i} says the accord was signed.`);
      rows.push('last,record,with three fields');
      writeFileSync(join(dir, 'c.csv'), `${rows.join('\n')}\n`);
      // The run-on cell is skipped by --max-bytes: the reading is measured, not the analysis.
      return ['analyze', 'c.csv', '--out', 'out', '--quiet', '--max-bytes', '1000'];
    },
  },
  {
    name: 'one huge quoted cell',
    unit: 'one CSV cell of 12 MB (skipped by --max-bytes)',
    make: (dir, scale) => {
      const lines = Math.ceil((12 << 20) / (SENTENCE.length + 1)) * scale;
      writeFileSync(
        join(dir, 'c.csv'),
        `id,text\nhuge,"${`${SENTENCE}\n`.repeat(lines)}"\nafter,${SENTENCE}\n`,
      );
      // Skipped at every scale (12 MB is under the default 20 MB): the reading is measured.
      return ['analyze', 'c.csv', '--out', 'out', '--quiet', '--max-bytes', '1000000'];
    },
  },
  {
    name: 'agree 60k rows',
    unit: '15,000 coded rows (7,500 articles x 2 coders)',
    make: (dir, scale) => {
      const articles = 7_500 * scale;
      const results = join(dir, 'results');
      mkdirSync(results, { recursive: true });
      const rows = ['id,status,count_attribution'];
      const coded = ['article,coder,attribution'];
      for (let i = 0; i < articles; i++) {
        rows.push(`a${i},analysed,${i % 3}`);
        coded.push(`a${i},c1,${i % 2}`, `a${i},c2,${(i * 7) % 3}`);
      }
      writeFileSync(join(results, 'articles.csv'), `${rows.join('\n')}\n`);
      writeFileSync(join(dir, 'coded.csv'), `${coded.join('\n')}\n`);
      return ['agree', 'coded.csv', 'results', '--out', 'agree', '--level', 'count'];
    },
  },
  {
    name: 'ReDoS-shaped glob',
    unit: '`a*a*a*a*a*a*a*a*a*a*a*b` on tokens of 20 letters',
    make: (dir, scale) => {
      const file = pack(dir, 'a*a*a*a*a*a*a*a*a*a*a*b');
      writeFileSync(join(dir, 'a.txt'), `Glob\n\nThe word ${'a'.repeat(20 * scale)} is long. The end.\n`);
      return ['analyze', 'a.txt', '--lexicon', file, '--no-builtin-lexicons', '--out', 'out', '--quiet'];
    },
  },
  {
    name: 'ReDoS-shaped regex',
    unit: '`lexicon check` of 1 pack with `re:(a|a)+`, x scale packs',
    make: (dir, scale) => [
      'lexicon',
      'check',
      ...Array.from({ length: scale }, (_, k) => {
        const sub = join(dir, `p${k}`);
        mkdirSync(sub, { recursive: true });
        return pack(sub, `re:(a|a${'|a'.repeat(k)})+`);
      }),
    ],
  },
  nearDuplicateFlood('near-duplicate flood', 150),
  runOnText('run-on text', 25_000),
  // The sizes issue 16 reported (600 copies, 1.4 MB at 4x): too slow for the code before it.
  nearDuplicateFlood('near-duplicate flood (large)', 600),
  runOnText('run-on text (large)', 350_000),
];

/** Copies of one wire story, each with its own number in it (syndicated copy, lightly edited). */
function nearDuplicateFlood(name: string, copies: number): Case {
  return {
    name,
    unit: `${copies} copies of one wire story`,
    make: (dir, scale) => {
      const lines = Array.from({ length: copies * scale }, (_, i) =>
        JSON.stringify({ id: `w${i}`, text: WIRE.replace('Thursday', `Thursday ${i}`) }),
      );
      writeFileSync(join(dir, 'flood.jsonl'), `${lines.join('\n')}\n`);
      return ['analyze', 'flood.jsonl', '--out', 'out', '--quiet'];
    },
  };
}

/** A text without sentence ends, a reporting verb every few words. */
function runOnText(name: string, chars: number): Case {
  return {
    name,
    unit: `${chars / 1000} KB of "said officials the minister said that officials"`,
    make: (dir, scale) => {
      const words = ['said', 'officials', 'the', 'minister', 'said', 'that', 'officials'];
      const parts: string[] = [];
      let length = 0;
      for (let k = 0; length < chars * scale; k++) {
        const part = `${words[k % words.length]}${k % 13 === 12 ? ', ' : ' '}`;
        parts.push(part);
        length += part.length;
      }
      writeFileSync(join(dir, 'runon.txt'), parts.join(''));
      return ['analyze', 'runon.txt', '--out', 'out', '--quiet'];
    },
  };
}

/** Bytes of everything under `path` (the run's outputs). */
function bytesUnder(path: string): number {
  try {
    const info = statSync(path);
    if (!info.isDirectory()) return info.size;
    return readdirSync(path).reduce((n, f) => n + bytesUnder(join(path, f)), 0);
  } catch {
    return 0;
  }
}

const selected = CASES.filter((c) => values.only === '' || values.only.split(',').includes(c.name));
console.log(`framescope hostile inputs: ${repo}`);
console.log('');
console.log('| input | 1x is | scale | wall s | peak RSS MB | exit | outputs MB |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const c of selected) {
  for (const scale of scales) {
    const dir = join(work, `${c.name.replace(/\W+/g, '-')}-${scale}`);
    mkdirSync(dir, { recursive: true });
    const args = c.make(dir, scale);
    // timeout(1) under time(1): the command itself is killed at the limit, and time still reports.
    const run = spawnSync(
      '/usr/bin/time',
      [
        '-f',
        'HOSTILE %e %M',
        'timeout',
        '-s',
        'KILL',
        String(timeoutSeconds),
        process.execPath,
        bin,
        ...args,
      ],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, FRAMESCOPE_CACHE_DIR: 'off' },
        maxBuffer: 1 << 26,
      },
    );
    const m = /HOSTILE ([\d.]+) (\d+)/.exec(run.stderr ?? '');
    const timedOut = run.status === 137 || /Command terminated by signal 9/.test(run.stderr ?? '');
    const seconds = timedOut ? `> ${timeoutSeconds}` : m ? Number(m[1]).toFixed(1) : '?';
    const rss = m ? (Number(m[2]) / 1024).toFixed(0) : '?';
    const outputs = (bytesUnder(join(dir, 'out')) + bytesUnder(join(dir, 'agree'))) / 1e6;
    console.log(
      `| ${c.name} | ${c.unit} | ${scale}x | ${seconds} | ${rss} | ${timedOut ? 'killed' : run.status} | ${outputs.toFixed(1)} |`,
    );
    rmSync(dir, { recursive: true, force: true });
  }
}
rmSync(work, { recursive: true, force: true });
