import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { ARTICLE_TEXT, type Row, framescope, readRows, tempDir } from './helpers/cli.ts';

/**
 * Issue 16, cases 4-7, 10, 15, 16, 18, 20 and 22 (`--by` typo): bad inputs that stopped or stalled
 * a run, or gave wrong outputs without a word. Each test runs the command line on inputs made
 * here (invented text) and asserts what a user must get.
 */

const issuesOf = (out: string): Row[] => readRows(join(out, 'issues.csv'));
const articlesOf = (out: string): Row[] => readRows(join(out, 'articles.csv'));
const jsonl = (rows: readonly Record<string, string>[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join('');
const TWO = jsonl([
  { id: 'p1', text: ARTICLE_TEXT },
  { id: 'p2', text: 'Crews protested at the pier. The mayor said the plan was unfair.' },
]);

test.serial(
  'case 4: an unreadable file and an unreadable subfolder are listed as issues; the run goes on',
  async (t) => {
    const dir = tempDir();
    chmodSync(dir, 0o777);
    const corpus = join(dir, 'corpus');
    mkdirSync(join(corpus, 'locked-folder'), { recursive: true });
    writeFileSync(join(corpus, 'ok.txt'), ARTICLE_TEXT);
    writeFileSync(join(corpus, 'locked.txt'), ARTICLE_TEXT);
    writeFileSync(join(corpus, 'locked-folder', 'inner.txt'), ARTICLE_TEXT);
    chmodSync(join(corpus, 'locked.txt'), 0);
    chmodSync(join(corpus, 'locked-folder'), 0);
    chmodSync(corpus, 0o777);
    // Root reads anything: the run is made as an unprivileged user, as the user who met it.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = await framescope(['analyze', 'corpus', '--out', 'out', '--quiet'], { cwd: dir, ...asUser });
    t.is(r.code, 1, r.stderr);
    t.deepEqual(
      articlesOf(join(dir, 'out'))
        .map((a) => [a['id'], a['status']])
        .sort(),
      [
        ['locked.txt', 'skipped'],
        ['ok.txt', 'analysed'],
      ],
    );
    const unreadable = issuesOf(join(dir, 'out')).filter((i) => i['code'] === 'input/unreadable');
    t.deepEqual(unreadable.map((i) => i['file']).sort(), ['corpus/locked-folder', 'corpus/locked.txt']);
  },
);

test.serial('case 5: a pipe or a named FIFO is read once: every article is analysed, no hang', async (t) => {
  const dir = tempDir();
  writeFileSync(join(dir, 'c.jsonl'), TWO);
  writeFileSync(join(dir, 'c.csv'), 'id,text\nq1,"The minister said the accord was fair."\n');
  writeFileSync(join(dir, 'a.txt'), ARTICLE_TEXT);
  const pipe = await framescope(
    ['$FRAMESCOPE analyze <(cat c.jsonl) --format jsonl --out out-pipe --quiet'],
    { cwd: dir, shell: true, timeoutMs: 60_000 },
  );
  t.is(pipe.code, 0, pipe.stderr);
  t.deepEqual(
    articlesOf(join(dir, 'out-pipe')).map((a) => [a['id'], a['status']]),
    [
      ['p1', 'analysed'],
      ['p2', 'analysed'],
    ],
  );
  const text = await framescope(['$FRAMESCOPE analyze <(cat a.txt) --format txt --out out-txt --quiet'], {
    cwd: dir,
    shell: true,
    timeoutMs: 60_000,
  });
  t.is(text.code, 0, text.stderr);
  t.deepEqual(
    articlesOf(join(dir, 'out-txt')).map((a) => a['status']),
    ['analysed'],
  );
  t.is(spawnSync('mkfifo', [join(dir, 'fifo')]).status, 0);
  const fifo = await framescope(
    ['(cat c.csv > fifo &) ; $FRAMESCOPE analyze fifo --format csv --out out-fifo --quiet'],
    { cwd: dir, shell: true, timeoutMs: 60_000 },
  );
  t.is(fifo.code, 0, `${fifo.signal ?? ''} ${fifo.stderr}`);
  t.deepEqual(
    articlesOf(join(dir, 'out-fifo')).map((a) => [a['id'], a['status']]),
    [['q1', 'analysed']],
  );
});

/** Writes `total` bytes of `x` in chunks, honouring back-pressure; stops when the reader has gone. */
function endless(
  stdin: NodeJS.WritableStream,
  head: string,
  total: number,
  tail: string,
  sent: { n: number },
) {
  const chunk = Buffer.alloc(1 << 20, 'x');
  let closed = false;
  stdin.on('error', () => {
    closed = true;
  });
  stdin.on('close', () => {
    closed = true;
  });
  stdin.write(head);
  const pump = () => {
    while (!closed && sent.n < total) {
      sent.n += chunk.length;
      if (!stdin.write(chunk)) {
        stdin.once('drain', pump);
        return;
      }
    }
    if (!closed) stdin.end(tail);
  };
  pump();
}

test.serial(
  'case 6: a JSONL line far over --max-bytes is skipped while it is read, not buffered whole',
  async (t) => {
    const dir = tempDir();
    const sent = { n: 0 };
    // 150 MB on one line, under a 64 MB heap: only a reader that drops the line as it reads it lives.
    const r = await framescope(
      ['analyze', '-', '--format', 'jsonl', '--max-bytes', '1000', '--jobs', '1', '--out', 'out', '--quiet'],
      {
        cwd: dir,
        nodeOptions: ['--max-old-space-size=64'],
        stdin: (s) =>
          endless(
            s,
            '{"id":"big","text":"',
            150 << 20,
            `"}\n${JSON.stringify({ id: 'ok', text: ARTICLE_TEXT })}\n`,
            sent,
          ),
      },
    );
    t.is(r.code, 1, r.stderr.slice(-500));
    t.deepEqual(
      articlesOf(join(dir, 'out'))
        .map((a) => [a['id'], a['status'], a['skip_reason']?.split(':')[0]])
        .sort(),
      [
        ['line-1', 'skipped', 'input/too-large'],
        ['ok', 'analysed', ''],
      ],
    );
  },
);

test.serial(
  'case 6: standard input over --max-bytes is refused once the limit is passed, not read to its end',
  async (t) => {
    const dir = tempDir();
    const sent = { n: 0 };
    const total = 400 << 20;
    const r = await framescope(['analyze', '-', '--max-bytes', '1000', '--out', 'out', '--quiet'], {
      cwd: dir,
      stdin: (s) => endless(s, '', total, '', sent),
    });
    // Nothing else to read: the run stops with the reason and writes nothing (issue 17).
    t.is(r.code, 2, r.stderr.slice(-500));
    t.regex(r.stderr, /no article could be read from -[\s\S]*<stdin>.*input\/too-large/);
    t.true(sent.n < total, 'the command read all 400 MB before refusing them');
  },
);

// Case 7's inputs are read but not analysed (--max-bytes below their texts): only the reading is
// under test, and 20,000 analyses would take minutes.
test.serial(
  'case 7: an unclosed quote over 20,000 records that cannot be recovered runs on, and says to which line',
  async (t) => {
    const dir = tempDir();
    // One short record before the broken one is analysed, so that the run writes its report.
    const rows = ['id,text', '0,Short.', '1,"An unclosed quote begins here. The minister said so.'];
    for (let i = 2; i <= 20_000; i++) rows.push(`${i},Record ${i} says the accord was signed.`);
    rows.push('last,record,with three fields');
    writeFileSync(join(dir, 'c.csv'), `${rows.join('\n')}\n`);
    const r = await framescope(['analyze', 'c.csv', '--out', 'out', '--quiet', '--max-bytes', '1000'], {
      cwd: dir,
    });
    t.is(r.code, 1, r.stderr);
    const quote = issuesOf(join(dir, 'out')).filter((i) => i['code'] === 'csv/unbalanced-quotes');
    t.is(quote.length, 1);
    t.is(quote[0]?.['line'], '3');
    t.regex(quote[0]?.['message'] ?? '', /runs on to line 20003/);
    t.deepEqual(
      articlesOf(join(dir, 'out')).map((a) => [a['id'], a['skip_reason']?.split(':')[0]]),
      [
        ['0', ''],
        ['1', 'input/too-large'],
      ],
    );
  },
);

test.serial(
  'case 7: an unclosed quote, 3,000 lines of prose, then 20,000 good records: they are all recovered with their lines',
  async (t) => {
    const dir = tempDir();
    const rows = ['id,text', 'a,"An unclosed quote begins here.'];
    // Prose lines have the header's two fields but a first cell with spaces: not records.
    for (let i = 1; i <= 3_000; i++) rows.push(`Its line ${i}, still prose.`);
    for (let i = 1; i <= 20_000; i++) rows.push(`r${i},Record ${i} says the accord was signed.`);
    // One record short enough to analyse, so that the run writes its report.
    rows.push('z,Short.');
    writeFileSync(join(dir, 'c.csv'), `${rows.join('\n')}\n`);
    const r = await framescope(['analyze', 'c.csv', '--out', 'out', '--quiet', '--max-bytes', '10'], {
      cwd: dir,
    });
    t.is(r.code, 1, r.stderr);
    const read = issuesOf(join(dir, 'out')).filter((i) => i['code'] === 'input/too-large');
    t.is(read.length, 20_001);
    const at = (k: number) => [read.at(k)?.['article'], read.at(k)?.['line']];
    t.deepEqual(
      [at(0), at(1), at(2), at(-1)],
      [
        ['a', '2'],
        ['r1', '3003'],
        ['r2', '3004'],
        ['r20000', '23002'],
      ],
    );
    const quote = issuesOf(join(dir, 'out')).find((i) => i['code'] === 'csv/unbalanced-quotes');
    // The 20,000 records and the short one after them.
    t.regex(quote?.['message'] ?? '', /20001 records after it were read/);
  },
);

test.serial(
  'case 7: one quoted cell of 48 MB is read in one pass and skipped over --max-bytes; the next record keeps its line',
  async (t) => {
    const dir = tempDir();
    const line = 'The minister said the accord was fair, officials agreed.\n';
    const lines = Math.ceil((48 << 20) / line.length);
    writeFileSync(
      join(dir, 'c.csv'),
      `id,text\nhuge,"${line.repeat(lines)}"\nafter,${ARTICLE_TEXT.replace(/\n/g, ' ').replace(/"/g, '')}\n`,
    );
    const r = await framescope(['analyze', 'c.csv', '--out', 'out', '--quiet'], { cwd: dir });
    t.is(r.code, 1, r.stderr);
    t.deepEqual(
      articlesOf(join(dir, 'out'))
        .map((a) => [a['id'], a['status'], a['skip_reason']?.split(':')[0]])
        .sort(),
      [
        ['after', 'analysed', ''],
        ['huge', 'skipped', 'input/too-large'],
      ],
    );
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')) as {
      inputs: { id: string; line: number }[];
    };
    t.is(manifest.inputs.find((i) => i.id === 'after')?.line, lines + 3);
  },
);

test.serial(
  'case 10: --group-by and --by naming Object properties (toString, constructor) group like any absent column',
  async (t) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'c.jsonl'), TWO);
    for (const args of [
      ['--by', 'toString'],
      ['--by', 'valueOf', '--group-by', 'constructor'],
      ['--by', '__proto__', '--group-by', 'hasOwnProperty'],
    ]) {
      const out = `out-${args.join('-')}`;
      const r = await framescope(['analyze', 'c.jsonl', '--out', out, '--quiet', ...args], { cwd: dir });
      t.is(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      const groups = readRows(join(dir, out, 'groups.csv'));
      t.true(groups.length > 0, 'groups.csv has the one group "(none)"');
      for (const file of ['groups.csv', 'comparison.md', 'report.md'])
        t.notRegex(readFileSync(join(dir, out, file), 'utf8'), /\[native code\]|function \w*\(/, file);
    }
  },
);

test.serial(
  'case 15: a metadata header with spaces after the commas still joins every column, with a warning',
  async (t) => {
    const dir = tempDir();
    mkdirSync(join(dir, 'corpus'));
    writeFileSync(join(dir, 'corpus', 'a.txt'), ARTICLE_TEXT);
    writeFileSync(join(dir, 'meta.csv'), 'file, outlet, date\na.txt, Gazette, 2024-03-01\n');
    const r = await framescope(['analyze', 'corpus', '--metadata', 'meta.csv', '--out', 'out', '--quiet'], {
      cwd: dir,
    });
    t.is(r.code, 0, r.stderr);
    const [a] = articlesOf(join(dir, 'out'));
    t.is(a?.['outlet'], 'Gazette');
    t.is(a?.['date'], '2024-03-01');
    const warning = issuesOf(join(dir, 'out')).find((i) => i['code'] === 'metadata/header-spaces');
    t.is(warning?.['severity'], 'warning');
    t.is(warning?.['line'], '1');
    t.regex(r.stderr + JSON.stringify(warning), /outlet/);
  },
);

test.serial(
  'case 16: a sidecar row naming a file name found in two folders warns; a relative path names one file',
  async (t) => {
    const dir = tempDir();
    for (const folder of ['bbc', 'cnn']) {
      mkdirSync(join(dir, 'corpus', folder), { recursive: true });
      writeFileSync(join(dir, 'corpus', folder, '001.txt'), ARTICLE_TEXT);
    }
    writeFileSync(join(dir, 'ambiguous.csv'), 'file,outlet\n001.txt,BBC\n');
    const r = await framescope(
      ['analyze', 'corpus', '--metadata', 'ambiguous.csv', '--out', 'out-a', '--quiet'],
      { cwd: dir },
    );
    t.is(r.code, 0, r.stderr);
    const warning = issuesOf(join(dir, 'out-a')).filter((i) => i['code'] === 'metadata/ambiguous-key');
    t.is(warning.length, 1);
    t.is(warning[0]?.['line'], '2');
    t.regex(warning[0]?.['message'] ?? '', /bbc\/001\.txt.*cnn\/001\.txt/);
    writeFileSync(join(dir, 'paths.csv'), 'file,outlet\nbbc/001.txt,BBC\ncnn/001.txt,CNN\n');
    const p = await framescope(
      ['analyze', 'corpus', '--metadata', 'paths.csv', '--out', 'out-p', '--quiet'],
      {
        cwd: dir,
      },
    );
    t.is(p.code, 0, p.stderr);
    t.deepEqual(
      articlesOf(join(dir, 'out-p')).map((a) => [a['id'], a['outlet']]),
      [
        ['bbc/001.txt', 'BBC'],
        ['cnn/001.txt', 'CNN'],
      ],
    );
    t.false(issuesOf(join(dir, 'out-p')).some((i) => i['code'] === 'metadata/ambiguous-key'));
  },
);

test.serial(
  'case 18: renamed duplicate ids and the ids of bad JSON lines never collide with real ids',
  async (t) => {
    const dir = tempDir();
    const text = 'The minister said the accord was fair.';
    writeFileSync(
      join(dir, 'c.jsonl'),
      [
        JSON.stringify({ id: 'x#2', text }),
        JSON.stringify({ id: 'x', text }),
        JSON.stringify({ id: 'x', text }),
        '{not json',
        JSON.stringify({ id: 'line-4', text }),
        '',
      ].join('\n'),
    );
    const r = await framescope(['analyze', 'c.jsonl', '--out', 'out', '--quiet'], { cwd: dir });
    t.is(r.code, 1, r.stderr);
    const ids = articlesOf(join(dir, 'out')).map((a) => a['id'] as string);
    t.is(ids.length, 5);
    t.is(new Set(ids).size, 5, `ids repeat: ${ids.join(', ')}`);
    t.true(ids.includes('x#2') && ids.includes('x') && ids.includes('line-4'));
    const renamed = issuesOf(join(dir, 'out')).filter((i) => i['code'] === 'input/duplicate-id');
    t.true(renamed.length >= 2, 'the second x and the real line-4 (or the bad line) are reported as renamed');
  },
);

test.serial(
  'case 20: line numbers after blank lines are right in a CSV corpus and in the sidecar',
  async (t) => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'c.csv'),
      'id,text\n\n\nc1,The minister said so.\n\n \n\nc2,\nc3,Talks resume.\n',
    );
    writeFileSync(join(dir, 'meta.csv'), 'id,outlet\n\n\n\nc1,Gazette\n\n\nnobody,Post\n');
    const r = await framescope(['analyze', 'c.csv', '--metadata', 'meta.csv', '--out', 'out', '--quiet'], {
      cwd: dir,
    });
    t.is(r.code, 1, r.stderr);
    const issues = issuesOf(join(dir, 'out'));
    t.is(issues.find((i) => i['code'] === 'input/empty-text')?.['line'], '8');
    t.is(issues.find((i) => i['code'] === 'metadata/unmatched-row')?.['line'], '8');
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')) as {
      inputs: { id: string; line: number }[];
    };
    t.deepEqual(
      manifest.inputs.map((i) => [i.id, i.line]),
      [
        ['c1', 4],
        ['c3', 9],
      ],
    );
  },
);

test.serial(
  'case 20: agree names the right line after blank lines, and reports an unclosed quote instead of swallowing rows',
  async (t) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'c.jsonl'), TWO);
    const run = await framescope(['analyze', 'c.jsonl', '--out', 'out', '--quiet'], { cwd: dir });
    t.is(run.code, 0, run.stderr);
    writeFileSync(join(dir, 'coded.csv'), 'article,attribution\n\n\np1,1\n\n\np2,lots\n');
    const blank = await framescope(['agree', 'coded.csv', 'out', '--out', 'agree-1'], { cwd: dir });
    t.is(blank.code, 1, blank.stderr);
    t.regex(blank.stderr, /agree\/bad-value: coded\.csv:7:/);
    writeFileSync(join(dir, 'broken.csv'), 'article,attribution\np1,"1\np2,0\np3,1\np4,0\n');
    const broken = await framescope(['agree', 'broken.csv', 'out', '--out', 'agree-2'], { cwd: dir });
    t.is(broken.code, 1, broken.stderr);
    t.regex(broken.stderr, /agree\/parse-error: broken\.csv:2:/);
    t.regex(readFileSync(join(dir, 'agree-2', 'agreement.md'), 'utf8'), /agree\/parse-error/);
  },
);

test.serial('case 22: --by naming a column no article has warns in issues.csv and on stderr', async (t) => {
  const dir = tempDir();
  writeFileSync(join(dir, 'c.jsonl'), jsonl([{ id: 'p1', outlet: 'Gazette', text: ARTICLE_TEXT }]));
  const r = await framescope(['analyze', 'c.jsonl', '--by', 'outlte', '--out', 'out'], { cwd: dir });
  t.is(r.code, 0, r.stderr);
  const warning = issuesOf(join(dir, 'out')).find((i) => i['code'] === 'options/unknown-column');
  t.is(warning?.['severity'], 'warning');
  t.regex(warning?.['message'] ?? '', /outlte/);
  t.regex(r.stderr, /outlte/);
  const strict = await framescope(['analyze', 'c.jsonl', '--by', 'outlte', '--out', 'out2', '--strict'], {
    cwd: dir,
  });
  t.is(strict.code, 1, 'a warning fails a --strict run');
});
