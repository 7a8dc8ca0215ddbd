import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { runLexicon } from '../src/cli/lexiconCommand.ts';
import {
  BUILTIN_LEXICON_DIR,
  checkPacks,
  compileLexicon,
  loadBuiltinPacks,
  loadPacks,
  packHash,
  parseCsvPacks,
  parseLiwcDic,
  parsePack,
  parseQuantedaYaml,
} from '../src/lexicon/index.ts';
import { findMatches } from '../src/match/index.ts';
import { exportPacks } from '../src/report/lexiconExport.ts';
import { readDocument } from '../src/text/document.ts';
import type { Issue } from '../src/types.ts';
import { repoRoot, sharedPath, sharedTest } from './helpers/shared.ts';

const fixtures = join(repoRoot, 'test', 'fixtures', 'lexicons');
const fixture = (name: string) => join(fixtures, name);

function issuesOf(...names: string[]): Issue[] {
  return checkPacks(loadPacks(names.map(fixture)));
}

function capture() {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: (s: string) => {
        out += s;
      },
      stderr: (s: string) => {
        err += s;
      },
    },
    out: () => out,
    err: () => err,
  };
}

const docOf = (text: string) =>
  readDocument({ id: 't', text, metadata: {}, source: { file: 't.txt', format: 'txt' } });

test('a valid pack parses with entries, patterns and their lines, and checks clean', (t) => {
  const [pack] = loadPacks([fixture('good.yaml')]);
  t.truthy(pack);
  t.is(pack?.pack, 'good');
  t.is(pack?.entries.length, 1);
  const entry = pack?.entries[0];
  t.is(entry?.id, 'gadget-talk');
  t.is(entry?.line, 8);
  t.deepEqual(
    entry?.patterns.map((p) => [p.text, p.line]),
    [
      ['shiny widget', 11],
      ['gizmo*', 12],
    ],
  );
  t.is(entry?.match, 'lemma');
  t.is(entry?.weight, 1);
  t.deepEqual(issuesOf('good.yaml'), []);
});

const faults: [file: string, code: string, line: number][] = [
  ['unknown-field.yaml', 'lexicon/unknown-field', 13],
  ['empty-pattern.yaml', 'lexicon/empty-pattern', 12],
  ['duplicate-pattern.yaml', 'lexicon/duplicate-pattern', 17],
  ['never-matches.yaml', 'lexicon/never-matches', 11],
  ['unsafe-regex.yaml', 'lexicon/unsafe-regex', 12],
  ['missing-rationale.yaml', 'lexicon/missing-rationale', 8],
  ['bad-syntax.yaml', 'lexicon/bad-syntax', 11],
  ['bad-version.yaml', 'lexicon/bad-version', 3],
  ['duplicate-id.yaml', 'lexicon/duplicate-id', 13],
];

for (const [file, code, line] of faults) {
  test(`lexicon check finds ${code} at ${file}:${line}`, (t) => {
    const issues = issuesOf(file);
    const hit = issues.find((i) => i.code === code);
    t.truthy(hit, `expected ${code}; found ${issues.map((i) => `${i.code}@${i.line}`).join(', ')}`);
    t.is(hit?.file, fixture(file));
    t.is(hit?.line, line);
    t.true((hit?.hint ?? '').length > 0, 'every fault says how to fix it');
  });
}

test('an entry whose patterns all belong to an earlier pack is reported as shadowed', (t) => {
  const issues = issuesOf('shadowed-entry-a.yaml', 'shadowed-entry-b.yaml');
  const hit = issues.find((i) => i.code === 'lexicon/shadowed-entry');
  t.is(hit?.file, fixture('shadowed-entry-b.yaml'));
  t.is(hit?.line, 8);
  t.is(hit?.severity, 'warning');
});

test('unknown fields get a did-you-mean hint', (t) => {
  const hit = issuesOf('unknown-field.yaml').find((i) => i.code === 'lexicon/unknown-field');
  t.regex(hit?.hint ?? '', /weight/);
});

test('lexicon check prints file:line: code: message (fix: hint) and exits 1 on an error', async (t) => {
  const c = capture();
  const code = await runLexicon(['check', fixture('unsafe-regex.yaml')], c.io);
  t.is(code, 1);
  t.regex(
    c.out(),
    new RegExp(
      `${fixture('unsafe-regex.yaml').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:12: lexicon/unsafe-regex: .+ \\(fix: .+\\)`,
    ),
  );
  const clean = capture();
  t.is(await runLexicon(['check', fixture('good.yaml')], clean.io), 0);
  t.regex(clean.out(), /0 errors/);
});

test('lexicon list prints entries and categories', async (t) => {
  const c = capture();
  t.is(await runLexicon(['list', fixture('good.yaml')], c.io), 0);
  t.regex(c.out(), /gadget-talk\s+tech\.gadget\s+2\s+lemma/);
  t.regex(c.out(), /^tech\.gadget\s+1\s+2$/m);
});

test('packHash depends on content, not on file name or comments', (t) => {
  const text = readFileSync(fixture('good.yaml'), 'utf8');
  const a = parsePack(text, 'a.yaml');
  const b = parsePack(`# a comment\n${text}`, 'b.yaml');
  const c = parsePack(text.replace('shiny widget', 'dull widget'), 'a.yaml');
  t.regex(packHash(a), /^[0-9a-f]{64}$/);
  t.is(packHash(a), packHash(b));
  t.not(packHash(a), packHash(c));
});

test('LIWC .dic import: header categories, tab-separated ids, globs, multi-word entries, unknown ids', (t) => {
  const pack = parseLiwcDic(readFileSync(fixture('small.dic'), 'utf8'), 'small.dic');
  t.deepEqual(
    pack.entries.map((e) => [e.category, e.patterns.map((p) => p.text)]),
    [
      ['gadget.good', ['widget', 'sprocket*']],
      ['gadget.bad', ['sprocket*', 'broken gizmo']],
    ],
  );
  t.is(pack.entries[1]?.patterns[1]?.line, 7);
  const unknown = pack.issues.find((i) => i.code === 'lexicon/bad-value');
  t.is(unknown?.line, 8);
  const lexicon = compileLexicon([pack]);
  const hits = findMatches(docOf('A broken gizmo and sprockets.'), lexicon, { overlap: 'all' });
  t.deepEqual(
    hits.map((m) => [m.text, m.category]),
    [
      ['broken gizmo', 'gadget.bad'],
      ['sprockets', 'gadget.good'],
      ['sprockets', 'gadget.bad'],
    ],
  );
});

sharedTest(
  ['reference-lexicons', 'mfd2_and_emfd', 'mfd2.0.dic'],
  'the MFD 2.0 dictionary imports and checks',
  (t) => {
    const path = sharedPath('reference-lexicons', 'mfd2_and_emfd', 'mfd2.0.dic');
    const [pack] = loadPacks([path]);
    t.is(pack?.entries.length, 10);
    t.deepEqual(pack?.issues, []);
    const patterns = pack?.entries.reduce((n, e) => n + e.patterns.length, 0) ?? 0;
    t.true(patterns > 2000, `expected over 2,000 patterns, found ${patterns}`);
    const errors = checkPacks(pack ? [pack] : []).filter((i) => i.severity === 'error');
    t.deepEqual(errors, []);
  },
);

test('quanteda YAML import: nested keys become category paths', (t) => {
  const pack = parseQuantedaYaml(readFileSync(fixture('small-quanteda.yaml'), 'utf8'), 'small-quanteda.yaml');
  t.deepEqual(
    pack.entries.map((e) => [e.category, e.patterns.map((p) => p.text), e.line]),
    [
      ['gadget.good', ['widget', 'sprocket*'], 2],
      ['gadget.bad', ['broken gizmo'], 5],
      ['tools', ['hammer', 'wrench'], 6],
    ],
  );
});

test('CSV import groups rows into entries and export round-trips', (t) => {
  const [pack] = parseCsvPacks(readFileSync(fixture('small.csv'), 'utf8'), 'small.csv');
  t.is(pack?.pack, 'csv-pack');
  t.deepEqual(
    pack?.entries.map((e) => [e.id, e.category, e.weight, e.patterns.map((p) => `${p.text}@${p.line}`)]),
    [
      ['widget', 'tech.gadget', 2, ['widget@2', 'gizmo*@3']],
      ['tool', 'tech.tool', 1, ['spanner@4']],
    ],
  );
  t.deepEqual(pack?.issues, []);
  const csv = exportPacks(pack ? [pack] : [], 'csv').text;
  const [again] = parseCsvPacks(csv, 'again.csv');
  t.deepEqual(
    again?.entries.map((e) => [e.id, e.category, e.weight, e.patterns.map((p) => p.text)]),
    pack?.entries.map((e) => [e.id, e.category, e.weight, e.patterns.map((p) => p.text)]),
  );
});

test('exports to liwc, quanteda, tidytext and nltk; patterns they cannot express are listed', (t) => {
  const pack = parsePack(
    [
      'pack: export-test',
      'kind: framing',
      'version: 1.0.0',
      'description: d',
      'licence: l',
      'citation: c',
      'entries:',
      '  - id: a',
      '    category: tech.gadget',
      '    patterns: [widget, gizmo*, "re:wid.*", widget NEAR/2 gadget]',
      '    rationale: r',
      '    evidence: e',
    ].join('\n'),
    'export.yaml',
  );
  const tidy = exportPacks([pack], 'tidytext');
  t.is(tidy.text, 'word,category\r\nwidget,tech.gadget\r\ngizmo*,tech.gadget\r\n');
  t.deepEqual(tidy.skipped, ['export.yaml:10: re:wid.*', 'export.yaml:10: widget NEAR/2 gadget']);
  t.is(exportPacks([pack], 'nltk').text, 'widget\ttech.gadget\ngizmo*\ttech.gadget\n');
  const liwc = exportPacks([pack], 'liwc').text;
  t.is(liwc, '%\n1\ttech.gadget\n%\nwidget\t1\ngizmo*\t1\n');
  const back = parseLiwcDic(liwc, 'back.dic');
  t.deepEqual(
    back.entries[0]?.patterns.map((p) => p.text),
    ['widget', 'gizmo*'],
  );
  const quanteda = parseQuantedaYaml(exportPacks([pack], 'quanteda').text, 'q.yaml');
  t.deepEqual(
    quanteda.entries.map((e) => [e.category, e.patterns.map((p) => p.text)]),
    [['tech.gadget', ['widget', 'gizmo*']]],
  );
});

const builtinPacks = existsSync(BUILTIN_LEXICON_DIR)
  ? readdirSync(BUILTIN_LEXICON_DIR).filter((f) => f.endsWith('.yaml'))
  : [];
if (builtinPacks.length > 0) {
  test('lexicon check passes on the built-in packs (no errors)', async (t) => {
    const c = capture();
    const code = await runLexicon(['check'], c.io);
    t.is(code, 0, c.out());
    t.true(loadBuiltinPacks().length > 0);
    t.false(loadBuiltinPacks().some((p) => p.kind === 'sources' || p.kind === 'facts'));
  });
} else {
  test.skip('lexicon check passes on the built-in packs (skipped: lexicons/ has no packs yet)', () => {});
}

test('issue 13: a pack says which indexes its categories feed; lexicon check names a wrong one and where', async (t) => {
  const text = readFileSync(fixture('good.yaml'), 'utf8');
  const withIndexes = (indexes: string) => text.replace(/\nentries:\n/, `\n${indexes}entries:\n`);
  const good = parsePack(withIndexes('indexes:\n  evaluative-intensity: [tech]\n'), 'i.yaml');
  t.deepEqual(good.issues, []);
  t.deepEqual(
    good.indexes?.['evaluative-intensity']?.map((c) => c.text),
    ['tech'],
  );
  t.not(packHash(good), packHash(parsePack(text, 'i.yaml')), 'what feeds an index is part of the pack');
  t.is(packHash(parsePack(withIndexes('indexes: {}\n'), 'i.yaml')), packHash(parsePack(text, 'i.yaml')));
  const unused = parsePack(withIndexes('indexes:\n  evaluative-intensity: [sport]\n'), 'i.yaml');
  t.deepEqual(
    unused.issues.map((i) => [i.code, i.severity]),
    [['lexicon/unused-index-category', 'warning']],
  );
  const bad = parsePack(
    withIndexes('indexes:\n  Hedging: [tech]\n  hedging.hedges: tech.Gadget\n'),
    'i.yaml',
  );
  t.deepEqual(
    bad.issues.map((i) => i.code),
    ['lexicon/bad-value', 'lexicon/bad-value'],
  );
  const dir = mkdtempSync(join(tmpdir(), 'framescope-indexes-'));
  try {
    const file = join(dir, 'typo.yaml');
    writeFileSync(file, withIndexes('indexes:\n  evaluative-intensty: [tech]\n'));
    const c = capture();
    t.is(await runLexicon(['check', file], c.io), 1);
    t.regex(
      c.out(),
      /typo\.yaml:8: lexicon\/unknown-index: .*evaluative-intensty.*did you mean `evaluative-intensity`/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
