import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import Papa from 'papaparse';
import { repoRoot } from './helpers/shared.ts';

/**
 * Issue 6: the methods section must let a reader reproduce every number of the comparison table
 * by hand from matches.csv and attributions.csv. This test is that reader: it recomputes the
 * side-by-side figures of reports/example from the two files (and word_count) with the formulas
 * the report prints, and compares them with articles.csv.
 */
const dir = join(repoRoot, 'reports', 'example');
const read = (f: string) =>
  Papa.parse<Record<string, string>>(readFileSync(join(dir, f), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
const articles = read('articles.csv');
const matches = read('matches.csv');
const attributions = read('attributions.csv');
const methods = readFileSync(join(dir, 'report.md'), 'utf8');

const REPORTED = new Set(['direct', 'indirect', 'mixed', 'according-to', 'parenthetical']);
const segments = (category: string) => category.split('.');
const near = (a: number | null, b: string | undefined) =>
  a === null ? b === '' || b === undefined : b !== undefined && b !== '' && Math.abs(a - Number(b)) < 1e-3;

function recompute(id: string, words: number) {
  const all = matches.filter((m) => m['article'] === id);
  const own = all.filter((m) => m['voice'] === 'authorial');
  const cat = (m: Record<string, string>) => m['category'] as string;
  const weight = (m: Record<string, string>) => Number(m['weight']);
  // The methods' formula: Σ weight × (authorial hits + ½ × quoted hits + ½ × attributed hits).
  const carried = (m: Record<string, string>) => weight(m) * (m['voice'] === 'authorial' ? 1 : 0.5);
  const isStateMedia = (m: Record<string, string>, register?: string) =>
    segments(cat(m))[0] === 'state-media' && (register === undefined || segments(cat(m))[1] === register);
  const sum = (list: Record<string, string>[], value: (m: Record<string, string>) => number) =>
    list.reduce((a, m) => a + value(m), 0);
  const per1000 = (x: number) => (words > 0 ? (1000 * x) / words : null);
  const isOwn = (m: Record<string, string>) => m['voice'] === 'authorial';
  const stateMedia = (register?: string) => all.filter((m) => isStateMedia(m, register));
  const carriedRate = (register?: string) => per1000(sum(stateMedia(register), carried));
  const isBooster = (c: string) => segments(c).some((s) => /^(booster|intensifier)s?$/.test(s));
  const isHedge = (c: string) => segments(c).some((s) => /^hedges?$/.test(s));
  const evaluative = sum(
    own.filter(
      (m) => segments(cat(m))[0] === 'evaluative' || cat(m) === 'report-verb.loaded' || isBooster(cat(m)),
    ),
    weight,
  );
  const hedges = own.filter((m) => isHedge(cat(m))).length;
  const boosters = own.filter((m) => isBooster(cat(m))).length;
  const reported = attributions.filter((a) => a['article'] === id && REPORTED.has(a['kind'] as string));
  const n = reported.length;
  const share = (k: number) => (n > 0 ? k / n : null);
  const stateAttr = reported.filter((a) => a['source_type'] === 'state-media');
  return {
    index_state_media: carriedRate(),
    index_state_media_authorial: per1000(sum(stateMedia().filter(isOwn), weight)),
    index_state_media_prc: carriedRate('prc'),
    index_state_media_ru: carriedRate('ru'),
    index_state_media_ir: carriedRate('ir'),
    index_evaluative_intensity: per1000(evaluative),
    index_hedging: hedges + boosters > 0 ? hedges / (hedges + boosters) : null,
    n_attributions: n,
    share_direct: share(reported.filter((a) => a['kind'] === 'direct').length),
    share_vague: share(
      reported.filter((a) => a['resolution'] === 'vague' && a['source_type'] === 'vague').length,
    ),
    share_state_media: share(stateAttr.length),
    state_media_disclosure_rate:
      stateAttr.length > 0
        ? stateAttr.filter((a) => a['state_label_disclosed'] === 'TRUE').length / stateAttr.length
        : null,
  };
}

test('every figure of the comparison table is reproduced from matches.csv and attributions.csv', (t) => {
  t.true(articles.length >= 6);
  let checked = 0;
  for (const a of articles.filter((r) => r['status'] === 'analysed')) {
    const expected = recompute(a['id'] as string, Number(a['word_count']));
    for (const [name, value] of Object.entries(expected)) {
      t.true(near(value, a[name]), `${a['id']} ${name}: recomputed ${value}, articles.csv has ${a[name]}`);
      checked++;
    }
  }
  t.true(checked >= 80);
  t.true(
    matches.some((m) => m['voice'] !== 'authorial'),
    'the example exercises quoted and attributed hits',
  );
});

test('the methods section prints the formula of every figure it reports', (t) => {
  for (const name of [
    'index_state_media',
    'index_state_media_authorial',
    'index_state_media_prc',
    'index_evaluative_intensity',
    'index_hedging',
    'share_direct',
    'share_vague',
  ]) {
    t.regex(methods, new RegExp(`\\*\\*${name.replace(/_/g, '\\\\_')}\\*\\*`), name);
  }
  t.regex(methods, /SHA-256 of the pack/);
  t.regex(methods, /Known limitations/);
});
