import { readFileSync } from 'node:fs';
import test from 'ava';
import { readDocument } from '../src/text/document.ts';
import type { Document } from '../src/types.ts';
import { sharedPath, sharedTest } from './helpers/shared.ts';

const doc = (text: string): Document =>
  readDocument({ id: 't', text, metadata: {}, source: { file: 't', format: 'txt' } });
const seed = (name: string) => doc(readFileSync(sharedPath('corpus', 'seeds', name), 'utf8'));
const SEEDS = ['corpus', 'seeds'];

test('an invented page: navigation, doubled headline, byline, caption, topics and notice are found', (t) => {
  const text = [
    'Home | World | Business',
    'The Lakeside Courier',
    'Accord Signed on Lake Sarn Water',
    'Accord Signed on Lake Sarn WaterAccord Signed on Lake Sarn Water',
    'By Lena Okafor',
    'The two governments signed a water-sharing accord on Thursday after a long night of talks.',
    'Officials said the accord would be reviewed in five years.',
    'Delegates shake hands in Sarnhaven. [Photo by A. Lind/Northwire]',
    'Topics: Diplomacy | Water',
    'You can freely use the title and article content by linking to this page.',
  ].join('\n');
  const d = doc(text);
  const s = d.structure;
  t.is(s.title?.text, 'Accord Signed on Lake Sarn Water');
  t.is(s.byline?.text, 'By Lena Okafor');
  t.true(s.lead?.text.startsWith('The two governments'));
  const kinds = s.furniture.map((f) => f.kind);
  t.deepEqual(kinds, [
    'navigation',
    'navigation',
    'repeated-headline',
    'caption',
    'topics',
    'reprint-notice',
  ]);
  for (const f of s.furniture) {
    t.is(text.slice(f.start, f.end), f.text);
    t.true(f.reason.length > 0);
  }
  // Furniture tokens are not scored; the lead's are.
  const captionToken = d.tokens.value.indexOf('Delegates');
  t.is(d.tokens.scored[captionToken], 0);
  t.is(d.tokens.scored[d.tokens.value.indexOf('governments')], 1);
});

test('a text with no headline-like first line has no title', (t) => {
  const d = doc(
    'This is a long first paragraph that reads as a sentence of the body and ends with a full stop.',
  );
  t.is(d.structure.title, null);
});

sharedTest(SEEDS, 'seeds: the title of each article is found', (t) => {
  t.regex(
    seed('000_a9b978a99ec8842b.txt').structure.title?.text ?? '',
    /^Xi Jinping's Diplomatic Discussions with Poutine/,
  );
  t.regex(
    seed('001_2fcb8b3295ecbc25.txt').structure.title?.text ?? '',
    /^Xi Jinping's Phone Calls With Putin and Trump/,
  );
  t.regex(
    seed('003_2d96a2ced988da19.txt').structure.title?.text ?? '',
    /^The Dynamics of China.s Diplomatic Engagements/,
  );
  t.regex(
    seed('004_125eb867fc7de736.txt').structure.title?.text ?? '',
    /^Xi.s Calls with Trump and Putin Set Stage for US Summit$/,
  );
  // 002 opens with its byline and a "Lead:" paragraph: the page has no headline line to find.
  t.is(seed('002_866cefd76fe6515a.txt').structure.title, null);
});

sharedTest(SEEDS, "seeds: 002's byline and photo caption are found", (t) => {
  const s = seed('002_866cefd76fe6515a.txt').structure;
  t.is(s.byline?.text, 'By Masuda Khatun');
  t.true(s.lead?.text.startsWith('Lead:'));
  const caption = s.furniture.filter((f) => f.kind === 'caption');
  t.is(caption.length, 1);
  t.regex(caption[0]!.text, /Xinhua\]$/);
  t.true(s.furniture.some((f) => f.kind === 'language-link' && f.text === '中文'));
});

sharedTest(SEEDS, "seeds: 004's navigation lines and doubled headline are furniture", (t) => {
  const s = seed('004_125eb867fc7de736.txt').structure;
  const nav = s.furniture.filter((f) => f.kind === 'navigation').map((f) => f.text);
  t.deepEqual(nav, ['Bangkok One News', 'Breaking News from Bangkok to the World']);
  t.is(s.furniture.filter((f) => f.kind === 'repeated-headline').length, 1);
  t.regex(s.dateline?.text ?? '', /Feb 6th, 2026/);
});

sharedTest(SEEDS, "seeds: 000's and 001's reprint notices are furniture", (t) => {
  for (const name of ['000_a9b978a99ec8842b.txt', '001_2fcb8b3295ecbc25.txt']) {
    const s = seed(name).structure;
    const notice = s.furniture.filter((f) => f.kind === 'reprint-notice').map((f) => f.text);
    t.true(
      notice.some((n) => /freely use the title and article content/.test(n)),
      name,
    );
    t.true(
      notice.some((n) => /Links are free to use/.test(n)),
      name,
    );
    t.true(
      s.furniture.some((f) => f.kind === 'topics'),
      name,
    );
    // The last body paragraph is still body, not furniture.
    t.false(
      s.body.some((p) => /freely use/.test(p.text)),
      name,
    );
  }
});

sharedTest(SEEDS, "seeds: 003's reference list is a part of its own", (t) => {
  const s = seed('003_2d96a2ced988da19.txt').structure;
  t.is(s.references.length, 6, 'the heading and five entries');
  t.regex(s.references[0]!.text, /^References:?$/);
});
