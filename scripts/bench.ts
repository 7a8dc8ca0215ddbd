// `npm run bench`: framescope's throughput and memory on BBC News replicated 1x/10x/50x and on the
// seed corpus, against wink-nlp's bare readDoc on the same cores, and against R tidytext and
// Python NLTK dictionary scoring with the same lexicon. Prints figures and writes
// docs/benchmarks.md; never asserts timings (machines are shared and noisy).
//
//   npm run bench -- [--sizes 1,10,50] [--jobs N] [--peer-sizes 1] [--reuse-sizes 1,10,50] [--no-peers]
//                    [--no-reuse] [--no-write]
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { exportPacks, loadBuiltinPacks } from '../src/lexicon/index.ts';
import { toCsv } from '../src/report/csv.ts';

const repo = resolve(import.meta.dirname, '..');
const shared = resolve(repo, '..', 'shared');
const BBC = join(shared, 'data', 'bbc', 'bbc_news_2225.jsonl');
const SEEDS = join(shared, 'corpus', 'seeds');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,10,50' },
    jobs: { type: 'string', default: String(availableParallelism()) },
    'peer-sizes': { type: 'string', default: '1' },
    'no-peers': { type: 'boolean', default: false },
    'no-reuse': { type: 'boolean', default: false },
    'reuse-sizes': { type: 'string', default: '1,10,50' },
    'no-write': { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map(Number);
const jobs = Number(values.jobs);
const peerSizes = new Set(values['peer-sizes'].split(',').map(Number));

interface Measured {
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly stdout: string;
  readonly ok: boolean;
  readonly stderr: string;
}

/** Runs a command under GNU time: wall seconds and the peak RSS of the process (all its threads). */
function measure(command: string, args: readonly string[], timeoutMinutes = 60): Measured {
  const run = spawnSync('/usr/bin/time', ['-f', 'FRAMESCOPE_TIME %e %M', command, ...args], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout: timeoutMinutes * 60_000,
  });
  const m = /FRAMESCOPE_TIME ([\d.]+) (\d+)/.exec(run.stderr ?? '');
  return {
    seconds: m ? Number(m[1]) : Number.NaN,
    peakRssMb: m ? Number(m[2]) / 1024 : Number.NaN,
    stdout: run.stdout ?? '',
    ok: run.status === 0 || run.status === 1,
    stderr: (run.stderr ?? '').replace(/FRAMESCOPE_TIME.*\n?/, '').slice(-2000),
  };
}

/** BBC News replicated `times` times, each copy with its own ids (`r3/business/001.txt`). */
async function replicate(times: number, path: string): Promise<void> {
  const out = createWriteStream(path);
  for (let r = 1; r <= times; r++) {
    const lines = createInterface({ input: createReadStream(BBC), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (!line) continue;
      const row = JSON.parse(line) as { id: string };
      const text = `${JSON.stringify({ ...row, id: times === 1 ? row.id : `r${r}/${row.id}` })}\n`;
      if (!out.write(text)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}

/** The seed corpus as JSONL, so every tool reads the same texts the same way. */
function seedsJsonl(path: string): void {
  const lines = readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => JSON.stringify({ id: f, text: readFileSync(join(SEEDS, f), 'utf8') }));
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** The corpus as CSV (id,text) for R, which reads it with base read.csv. */
function csvCopy(jsonl: string): string {
  const rows = readFileSync(jsonl, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const { id, text } = JSON.parse(line) as { id: string; text: string };
      return [id, text];
    });
  const path = jsonl.replace(/\.jsonl$/, '.csv');
  writeFileSync(path, toCsv(['id', 'text'], rows, { safeCells: false }));
  return path;
}

function available(command: string, args: readonly string[]): boolean {
  return spawnSync(command, args, { encoding: 'utf8' }).status === 0;
}

const cliHasJobs = spawnSync(process.execPath, ['src/cli/bin.js', 'analyze', '--help'], {
  cwd: repo,
  encoding: 'utf8',
}).stdout.includes('--jobs');

function framescope(input: string, out: string): Measured {
  if (cliHasJobs)
    return measure(process.execPath, [
      'src/cli/bin.js',
      'analyze',
      input,
      '--out',
      out,
      '--force',
      '--quiet',
      '--jobs',
      String(jobs),
    ]);
  return measure(process.execPath, ['--import', 'tsx', 'scripts/bench-run.ts', input, out, String(jobs)]);
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a';

async function main(): Promise<void> {
  if (!existsSync(BBC)) {
    console.log(`bench: ${BBC} is absent; nothing to measure.`);
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'framescope-bench-'));
  const lines: string[] = [];
  const say = (s = '') => {
    console.log(s);
    lines.push(s);
  };
  try {
    const packs = loadBuiltinPacks();
    const tidy = exportPacks(packs, 'tidytext');
    const nltk = exportPacks(packs, 'nltk');
    writeFileSync(join(tmp, 'lexicon.csv'), tidy.text);
    writeFileSync(join(tmp, 'lexicon.tsv'), nltk.text);

    const corpora: { name: string; path: string; size: number | null }[] = [];
    for (const k of sizes) {
      const path = join(tmp, `bbc-${k}x.jsonl`);
      await replicate(k, path);
      corpora.push({ name: `BBC ${k}x`, path, size: k });
    }
    if (existsSync(SEEDS)) {
      const path = join(tmp, 'seeds.jsonl');
      seedsJsonl(path);
      corpora.push({ name: 'seeds', path, size: null });
    }

    const hasR = available('Rscript', ['-e', 'suppressPackageStartupMessages(library(tidytext))']);
    const hasNltk = available('/usr/bin/python3', ['-c', 'import nltk']);
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    say('# Benchmarks');
    say('');
    say(
      `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu}, ${availableParallelism()} cores, Node ${process.version}, ${jobs} jobs.`,
    );
    say(
      `framescope ran ${cliHasJobs ? '`framescope analyze --jobs N`' : '`scripts/bench-run.ts` (the parallel engine the CLI will call; the CLI has no --jobs yet)'} with all built-in packs and every output written.`,
    );
    say(
      'Wall time and peak RSS (whole process, all threads) from GNU time. Tokens are wink-nlp tokens of the texts, counted by the bare readDoc run, so both rates share one denominator.',
    );
    say('Machines are shared: figures vary from run to run; nothing here is asserted.');
    say('');
    say(
      '| corpus | articles | tokens | framescope wall s | articles/s | tokens/s | peak RSS MB | bare readDoc wall s | readDoc tokens/s | framescope / readDoc |',
    );
    say('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    const rows: { name: string; size: number | null; articles: number; fs: Measured }[] = [];
    const peerRows: string[] = [];
    for (const c of corpora) {
      const bare = measure(process.execPath, [
        '--import',
        'tsx',
        'scripts/bench-readdoc.ts',
        c.path,
        String(jobs),
      ]);
      const counts = bare.ok ? (JSON.parse(bare.stdout) as { articles: number; tokens: number }) : null;
      const fs = framescope(c.path, join(tmp, `out-${c.name.replace(/\W+/g, '-')}`));
      if (!fs.ok) console.error(`framescope failed on ${c.name}:\n${fs.stderr}`);
      const articles = counts?.articles ?? Number.NaN;
      const tokens = counts?.tokens ?? Number.NaN;
      rows.push({ name: c.name, size: c.size, articles, fs });
      say(
        `| ${c.name} | ${fmt(articles)} | ${fmt(tokens)} | ${fs.ok ? fmt(fs.seconds, 1) : 'failed'} | ${fmt(articles / fs.seconds, 1)} | ${fmt(tokens / fs.seconds)} | ${fmt(fs.peakRssMb)} | ${fmt(bare.seconds, 1)} | ${fmt(tokens / bare.seconds)} | ${fmt((100 * bare.seconds) / fs.seconds)}% |`,
      );
      if (!values['no-peers'] && (c.size === null || peerSizes.has(c.size))) {
        for (const [peer, ok, cmd, args] of [
          [
            'R tidytext',
            hasR,
            'Rscript',
            ['scripts/peers/tidytext_score.R', csvCopy(c.path), join(tmp, 'lexicon.csv')],
          ],
          [
            'Python NLTK',
            hasNltk,
            '/usr/bin/python3',
            ['scripts/peers/nltk_score.py', c.path, join(tmp, 'lexicon.tsv')],
          ],
        ] as const) {
          if (!ok) {
            peerRows.push(`| ${c.name} | ${peer} | not installed, skipped | | | |`);
            continue;
          }
          const m = measure(cmd, args);
          let hits = Number.NaN;
          try {
            hits = (JSON.parse(m.stdout.trim()) as { hits: number }).hits;
          } catch {
            console.error(`${peer} printed no totals:\n${m.stdout}\n${m.stderr}`);
          }
          peerRows.push(
            `| ${c.name} | ${peer} | ${m.ok ? fmt(m.seconds, 1) : 'failed'} | ${fmt(m.peakRssMb)} | ${fmt(hits)} | ${fmt(m.seconds / fs.seconds, 2)} |`,
          );
          if (!m.ok) console.error(`${peer} failed:\n${m.stderr}`);
        }
      }
    }
    say('');
    const bbc = rows.filter((r) => r.size !== null && r.fs.ok);
    if (bbc.length > 1) {
      const base = bbc[0] as (typeof bbc)[number];
      say('Growth with size (wall time per article, relative to the smallest BBC size; 1.00 = linear):');
      say('');
      for (const r of bbc)
        say(
          `- ${r.name}: ${fmt(r.fs.seconds / r.articles / (base.fs.seconds / base.articles), 2)} x the per-article cost of ${base.name}; peak RSS ${fmt(r.fs.peakRssMb)} MB`,
        );
      say('');
    }
    say('## Peers: dictionary scoring with the same lexicon');
    say('');
    say(
      `The built-in packs exported with \`exportPacks\` (the code behind \`framescope lexicon export\`) to tidytext (\`word,category\`) and NLTK (\`pattern<TAB>category\`); ${tidy.skipped.length} patterns using re:, @POS or NEAR cannot be expressed in those formats and are left out of the peers' lexicon. Peers tokenise with a regex and count exact token (n-gram) joins: less than framescope does (lemmas, voice, exclusions, attributions, reports), so the ratio flatters them.`,
    );
    say('');
    say('| corpus | peer | wall s | peak RSS MB | hits | peer time / framescope full analysis |');
    say('| --- | --- | ---: | ---: | ---: | ---: |');
    for (const r of peerRows) say(r);
    if (!hasR) say('\nR with tidytext is not installed (`apt-get install r-cran-tidytext`): skipped.');
    if (!hasNltk) say('\nPython NLTK is not installed (`apt-get install python3-nltk`): skipped.');
    say('');
    if (!values['no-reuse']) {
      const reuse = measure(process.execPath, [
        '--import',
        'tsx',
        'scripts/bench-reuse.ts',
        BBC,
        values['reuse-sizes'],
      ]);
      say('## Reuse detection (MinHash + LSH) over replicated BBC summaries');
      say('');
      say(reuse.ok ? reuse.stdout.trim() : `failed:\n\n\`\`\`\n${reuse.stderr}\n\`\`\``);
      say('');
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (!values['no-write'])
    writeFileSync(join(repo, 'docs', 'benchmarks.md'), `${lines.join('\n').trimEnd()}\n`);
}

await main();
