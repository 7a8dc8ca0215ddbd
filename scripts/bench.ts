// `npm run bench`: framescope's throughput and memory on BBC News replicated 1x/10x/50x and on the
// seed corpus, against wink-nlp's bare readDoc on the same cores, and against R tidytext and
// Python NLTK dictionary scoring with the same lexicon (timed against `framescope score`, the
// like-for-like job, and against the full analysis). Prints figures and writes
// docs/benchmarks.md; never asserts timings (machines are shared and noisy).
//
//   npm run bench -- [--sizes 1,10,50] [--jobs N] [--peer-sizes 1] [--reuse-sizes 1,10,50] [--no-peers]
//                    [--no-reuse] [--no-write] [--repeat 2]
//   npm run bench -- --only-peers      the peers section alone (BBC at --peer-sizes, and the seeds);
//                                      it replaces that section of docs/benchmarks.md in place
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
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadBuiltinPacks } from '../src/lexicon/index.ts';
import { toCsv } from '../src/report/csv.ts';
import { exportPacks } from '../src/report/lexiconExport.ts';

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
    'only-peers': { type: 'boolean', default: false },
    /** Runs of each figure of the peers section; the best (lowest wall time) is kept. */
    repeat: { type: 'string', default: '2' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const jobs = Number(values.jobs);
const peerSizes = new Set(values['peer-sizes'].split(',').map(Number));
const repeat = Number(values.repeat);
if (!Number.isInteger(repeat) || repeat < 1)
  throw new Error(`--repeat: expecting a whole number >= 1, instead found ${values.repeat}`);

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

/** The run with the lowest wall time of `times` runs (failed runs count only when all fail). */
function bestOf(times: number, run: () => Measured): Measured {
  let best: Measured | null = null;
  for (let i = 0; i < times; i++) {
    const m = run();
    if (best === null || (m.ok && (!best.ok || m.seconds < best.seconds))) best = m;
  }
  return best as Measured;
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

/** `framescope score`, the dictionary-scoring job, writing its CSV (stderr keeps the summary line). */
function framescopeScore(
  input: string,
  out: string,
  scoreJobs: number,
  extra: readonly string[] = [],
): Measured {
  return measure(process.execPath, [
    'src/cli/bin.js',
    'score',
    input,
    '--out',
    out,
    '--force',
    '--jobs',
    String(scoreJobs),
    ...extra,
  ]);
}

/** Hits from the summary line of `framescope score` ("... 47,000 hits ..."), or NaN. */
function scoreHits(m: Measured): number {
  const found = /\((\d+) tokens, (\d+) hits/.exec(m.stderr);
  return found ? Number(found[2]) : Number.NaN;
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a';

interface Corpus {
  readonly name: string;
  readonly path: string;
  readonly size: number | null;
}

interface PeerSetup {
  readonly tmp: string;
  readonly skippedPatterns: number;
  readonly hasR: boolean;
  readonly hasNltk: boolean;
}

/** The full analysis of a corpus (the first figure of the main table, and the old peer ratio). */
function fullAnalysis(c: Corpus, tmp: string): Measured {
  const fs = framescope(c.path, join(tmp, `out-${c.name.replace(/\W+/g, '-')}`));
  if (!fs.ok) console.error(`framescope failed on ${c.name}:\n${fs.stderr}`);
  return fs;
}

/**
 * The peers section: on each corpus, `framescope score` (with the bench's jobs and with one job),
 * R tidytext and Python NLTK with the same lexicon, each the best of `repeat` runs, with each
 * peer's time over framescope score's and over the full analysis's.
 */
function peerSection(corpora: readonly { corpus: Corpus; full: Measured }[], setup: PeerSetup): string[] {
  const { tmp } = setup;
  const out: string[] = [];
  const rows: string[] = [];
  const oneArticle = join(tmp, 'one-article.jsonl');
  const oneOut = join(tmp, 'one-article.csv');
  writeFileSync(oneArticle, `${readFileSync(BBC, 'utf8').split('\n')[0]}\n`);
  // Start-up without the compiled-lexicon cache (packs read, checked and compiled), then with it:
  // the first cached run fills the cache, and every later run of the bench reads it.
  const cold = bestOf(repeat, () => framescopeScore(oneArticle, oneOut, 1, ['--no-cache']));
  framescopeScore(oneArticle, oneOut, 1);
  const startup = bestOf(repeat, () => framescopeScore(oneArticle, oneOut, jobs));
  const startupOne = bestOf(repeat, () => framescopeScore(oneArticle, oneOut, 1));
  for (const { corpus: c, full } of corpora) {
    const score = bestOf(repeat, () => framescopeScore(c.path, join(tmp, 'scores.csv'), jobs));
    if (!score.ok) console.error(`framescope score failed on ${c.name}:\n${score.stderr}`);
    const scoreOne =
      jobs === 1 ? score : bestOf(repeat, () => framescopeScore(c.path, join(tmp, 'scores.csv'), 1));
    const ratio = (m: Measured, base: Measured) =>
      m.ok && base.ok ? fmt(m.seconds / base.seconds, 2) : 'n/a';
    const row = (tool: string, m: Measured, hits: number, vsScore: string, vsFull: string) =>
      rows.push(
        `| ${c.name} | ${tool} | ${m.ok ? fmt(m.seconds, 1) : 'failed'} | ${fmt(m.peakRssMb)} | ${fmt(hits)} | ${vsScore} | ${vsFull} |`,
      );
    row(`framescope score, ${jobs} jobs`, score, scoreHits(score), '1.00', ratio(score, full));
    if (jobs !== 1)
      row(
        'framescope score, 1 job',
        scoreOne,
        scoreHits(scoreOne),
        ratio(scoreOne, score),
        ratio(scoreOne, full),
      );
    row(`framescope analyze (full), ${jobs} jobs`, full, Number.NaN, ratio(full, score), '1.00');
    for (const [peer, ok, cmd, args] of [
      [
        'R tidytext',
        setup.hasR,
        'Rscript',
        ['scripts/peers/tidytext_score.R', csvCopy(c.path), join(tmp, 'lexicon.csv')],
      ],
      [
        'Python NLTK',
        setup.hasNltk,
        '/usr/bin/python3',
        ['scripts/peers/nltk_score.py', c.path, join(tmp, 'lexicon.tsv')],
      ],
    ] as const) {
      if (!ok) {
        rows.push(`| ${c.name} | ${peer} | not installed, skipped | | | | |`);
        continue;
      }
      const m = bestOf(repeat, () => measure(cmd, args));
      let hits = Number.NaN;
      try {
        hits = (JSON.parse(m.stdout.trim()) as { hits: number }).hits;
      } catch {
        console.error(`${peer} printed no totals:\n${m.stdout}\n${m.stderr}`);
      }
      if (!m.ok) console.error(`${peer} failed:\n${m.stderr}`);
      row(peer, m, hits, ratio(m, score), ratio(m, full));
    }
  }
  out.push('## Peers: dictionary scoring with the same lexicon');
  out.push('');
  out.push(
    `The built-in packs exported with \`exportPacks\` (the code behind \`framescope lexicon export\`) to tidytext (\`word,category\`) and NLTK (\`pattern<TAB>category\`); ${setup.skippedPatterns} patterns using re:, @POS or NEAR cannot be expressed in those formats and are left out of the peers' lexicon. Each tool reads the same texts (JSONL; a CSV copy for R) in the same run. The like-for-like job is \`framescope score\` (hits per article and category, written as a CSV of every article x category): it reads the texts with wink-nlp's sentence and part-of-speech annotations only and counts the hits \`analyze\` lists in matches.csv (lemmas, spelling folds, exclusions, overlaps, page furniture left out), so it still does more than the peers, which tokenise with a regex, count exact token (n-gram) joins and print totals only.`,
  );
  out.push('');
  out.push(
    `Measured on ${new Date().toISOString().slice(0, 10)} (\`npm run bench\`, or \`npm run bench -- --only-peers\` for this section alone). Wall time is the best of ${repeat} runs of each figure. A ratio is the row's time over \`framescope score\`'s (with ${jobs} jobs) or over the full analysis's (\`framescope analyze\`, every stage and output); above 1 means framescope is faster. Hits differ because framescope resolves overlapping hits (the longest wins), applies exclusions and leaves page furniture out, while the peers count every join.`,
  );
  out.push('');
  out.push(
    '| corpus | tool | wall s | peak RSS MB | hits | time / framescope score | time / framescope full analysis |',
  );
  out.push('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  out.push(...rows);
  out.push('');
  const secs = (m: Measured) => (m.ok ? `${fmt(m.seconds, 1)} s` : 'failed');
  out.push(
    `Start-up, \`framescope score\` on a one-article corpus (process and module loading, the compiled lexicon read from the cache, the model loaded; each worker loads the modules and the model again): ${secs(startup)} with ${jobs} jobs, ${secs(startupOne)} with 1 job (peak RSS ${fmt(startup.peakRssMb)} and ${fmt(startupOne.peakRssMb)} MB). The first run with a set of packs, or a run with \`--no-cache\`, also reads, checks and compiles the packs: ${secs(cold)} with 1 job. Every framescope score figure above is with the cache filled.`,
  );
  if (!setup.hasR)
    out.push('\nR with tidytext is not installed (`apt-get install r-cran-tidytext`): skipped.');
  if (!setup.hasNltk) out.push('\nPython NLTK is not installed (`apt-get install python3-nltk`): skipped.');
  out.push('');
  return out;
}

/** docs/benchmarks.md with its peers section replaced (or appended when it has none). */
function withPeerSection(doc: string, section: readonly string[]): string {
  const text = section.join('\n').trimEnd();
  const start = doc.indexOf('## Peers');
  if (start < 0) return `${doc.trimEnd()}\n\n${text}\n`;
  const next = doc.indexOf('\n## ', start + 1);
  return `${doc.slice(0, start)}${text}\n${next < 0 ? '' : `\n${doc.slice(next + 1)}`}`;
}

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
  const onlyPeers = values['only-peers'];
  // The bench's own cache of compiled lexicons, so that no earlier run on this machine counts.
  process.env.FRAMESCOPE_CACHE_DIR = join(tmp, 'cache');
  try {
    const packs = loadBuiltinPacks();
    const tidy = exportPacks(packs, 'tidytext');
    const nltk = exportPacks(packs, 'nltk');
    writeFileSync(join(tmp, 'lexicon.csv'), tidy.text);
    writeFileSync(join(tmp, 'lexicon.tsv'), nltk.text);
    const setup: PeerSetup = {
      tmp,
      skippedPatterns: tidy.skipped.length,
      hasR: available('Rscript', ['-e', 'suppressPackageStartupMessages(library(tidytext))']),
      hasNltk: available('/usr/bin/python3', ['-c', 'import nltk']),
    };

    const corpora: Corpus[] = [];
    for (const k of onlyPeers ? [...peerSizes] : sizes) {
      const path = join(tmp, `bbc-${k}x.jsonl`);
      await replicate(k, path);
      corpora.push({ name: `BBC ${k}x`, path, size: k });
    }
    if (existsSync(SEEDS)) {
      const path = join(tmp, 'seeds.jsonl');
      seedsJsonl(path);
      corpora.push({ name: 'seeds', path, size: null });
    }
    const peerCorpora = (c: Corpus) => !values['no-peers'] && (c.size === null || peerSizes.has(c.size));

    if (onlyPeers) {
      const measured = corpora.map((corpus) => ({
        corpus,
        full: bestOf(repeat, () => fullAnalysis(corpus, tmp)),
      }));
      const section = peerSection(measured, setup);
      for (const line of section) console.log(line);
      if (!values['no-write']) {
        const path = join(repo, 'docs', 'benchmarks.md');
        writeFileSync(path, withPeerSection(readFileSync(path, 'utf8'), section));
      }
      return;
    }

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
    const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' });
    const loadAtStart = loadavg()[0] as number;
    say(
      `Commit ${commit.status === 0 ? commit.stdout.trim() : 'unknown'}; load average (1 min) ${loadAtStart.toFixed(2)} at the start, LOAD_AT_END at the end: above ${availableParallelism()} means something else shared the cores.`,
    );
    say('');
    say(
      '| corpus | articles | tokens | framescope wall s | articles/s | tokens/s | peak RSS MB | bare readDoc wall s | readDoc tokens/s | framescope / readDoc |',
    );
    say('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    const rows: { name: string; size: number | null; articles: number; fs: Measured }[] = [];
    const forPeers: { corpus: Corpus; full: Measured }[] = [];
    for (const c of corpora) {
      const bare = measure(process.execPath, [
        '--import',
        'tsx',
        'scripts/bench-readdoc.ts',
        c.path,
        String(jobs),
      ]);
      const counts = bare.ok ? (JSON.parse(bare.stdout) as { articles: number; tokens: number }) : null;
      const fs = fullAnalysis(c, tmp);
      const articles = counts?.articles ?? Number.NaN;
      const tokens = counts?.tokens ?? Number.NaN;
      rows.push({ name: c.name, size: c.size, articles, fs });
      say(
        `| ${c.name} | ${fmt(articles)} | ${fmt(tokens)} | ${fs.ok ? fmt(fs.seconds, 1) : 'failed'} | ${fmt(articles / fs.seconds, 1)} | ${fmt(tokens / fs.seconds)} | ${fmt(fs.peakRssMb)} | ${fmt(bare.seconds, 1)} | ${fmt(tokens / bare.seconds)} | ${fmt((100 * bare.seconds) / fs.seconds)}% |`,
      );
      if (peerCorpora(c)) forPeers.push({ corpus: c, full: fs });
    }
    say('');
    const bbc = rows.filter((r) => r.size !== null && r.fs.ok);
    if (bbc.length > 1) {
      const base = bbc[0] as (typeof bbc)[number];
      say('Growth with size (wall time per article, relative to the smallest BBC size; 1.00 = linear):');
      say('');
      say(
        "A replicated corpus repeats its texts, so past the first copy the per-word memos and wink-nlp's word cache are warm, and start-up and the corpus-level stage are shared by more articles: a varied corpus of the same size runs nearer the 1x rate per article.",
      );
      say('');
      for (const r of bbc)
        say(
          `- ${r.name}: ${fmt(r.fs.seconds / r.articles / (base.fs.seconds / base.articles), 2)} x the per-article cost of ${base.name}; peak RSS ${fmt(r.fs.peakRssMb)} MB`,
        );
      say('');
    }
    if (forPeers.length > 0) for (const line of peerSection(forPeers, setup)) say(line);
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
  const loadAtEnd = (loadavg()[0] as number).toFixed(2);
  console.log(`load average (1 min) at the end: ${loadAtEnd}`);
  const text = `${lines.join('\n').trimEnd()}\n`.replace('LOAD_AT_END', loadAtEnd);
  if (!values['no-write'] && !onlyPeers) writeFileSync(join(repo, 'docs', 'benchmarks.md'), text);
}

await main();
