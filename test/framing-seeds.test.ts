import { readFileSync } from 'node:fs';
import test from 'ava';
import { createAnalyzer } from '../src/analyzer/analyzer.ts';
import type { ArticleResult } from '../src/types.ts';
import { hasShared, sharedPath, sharedTest } from './helpers/shared.ts';

/** Issue 3's acceptance checks, through the whole pipeline (voice comes from the attribution stage). */
const SEEDS = ['corpus', 'seeds'];
const analyzer = hasShared(...SEEDS) ? createAnalyzer() : null;
const seed = (name: string): ArticleResult => {
  const text = readFileSync(sharedPath('corpus', 'seeds', name), 'utf8');
  return (analyzer as NonNullable<typeof analyzer>).analyzeArticle({
    id: name,
    text,
    metadata: {},
    source: { file: name, format: 'txt' },
  });
};
const hits = (r: ArticleResult, re: RegExp) => r.matches.filter((m) => re.test(m.text));

sharedTest(SEEDS, 'seeds: "stabilizing force" is found in the authorial voice of 000, 001 and 002', (t) => {
  for (const name of ['000_a9b978a99ec8842b.txt', '001_2fcb8b3295ecbc25.txt', '002_866cefd76fe6515a.txt']) {
    const found = hits(seed(name), /^stabilizing force$/i);
    t.true(found.length > 0, `${name}: found`);
    t.true(
      found.some((m) => m.voice === 'authorial' && m.category.startsWith('state-media.')),
      `${name}: in the authorial voice, as state-media phrasing (found ${found.map((m) => m.voice).join(', ')})`,
    );
  }
});

sharedTest(SEEDS, 'seeds: 004\'s "important stabilising factor" is found and marked as quoted', (t) => {
  const r = seed('004_125eb867fc7de736.txt');
  const found = hits(r, /stabilising factor/i);
  t.is(found.length, 1);
  t.is(found[0]!.voice, 'quoted');
  t.is(r.article.text.slice(found[0]!.start, found[0]!.end), found[0]!.text);
  // A quoted slogan is counted apart from the outlet's own voice.
  t.is(r.figures['count_state_media_authorial'] ?? 0, 0);
});

sharedTest(SEEDS, 'seeds: 002 chooses "Ukraine crisis" while 003 and 004 choose "war in Ukraine"', (t) => {
  const chosen = (name: string) => seed(name).choices.find((c) => c.set === 'ukraine-war')?.term;
  t.is(chosen('002_866cefd76fe6515a.txt'), 'ukraine-crisis');
  t.is(chosen('003_2d96a2ced988da19.txt'), 'war-in-ukraine');
  t.is(chosen('004_125eb867fc7de736.txt'), 'war-in-ukraine');
});
