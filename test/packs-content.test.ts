import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { maskOutletGiveaways, splitHalves } from '../scripts/eval-lib.ts';
import { checkPacks, compileLexicon, readPackFile } from '../src/lexicon/index.ts';
import { findMatches } from '../src/match/index.ts';
import { readDocument } from '../src/text/document.ts';
import type { Match } from '../src/types.ts';
import { repoRoot, sharedPath, sharedTest } from './helpers/shared.ts';

/** The built-in packs this test covers (report-verbs and sources belong to the attribution stage). */
const CONTENT_PACKS = [
  'prc-state-media',
  'ru-state-media',
  'ir-state-media',
  'evaluative',
  'hedges',
  'vague-attribution',
  'term-choices',
];
const packs = CONTENT_PACKS.flatMap((name) => readPackFile(join(repoRoot, 'lexicons', `${name}.yaml`)));

test('every content pack loads and checks without errors or warnings', (t) => {
  t.deepEqual(
    packs.map((p) => p.pack),
    CONTENT_PACKS,
  );
  const issues = [...packs.flatMap((p) => p.issues), ...checkPacks(packs)];
  t.deepEqual(
    issues.map((i) => `${i.file}:${i.line} ${i.code} ${i.message}`),
    [],
  );
});

test('every entry says why it is evidence of its category and on what evidence', (t) => {
  for (const pack of packs) {
    t.truthy(pack.licence.trim(), `${pack.pack}: licence`);
    t.truthy(pack.citation.trim(), `${pack.pack}: citation`);
    for (const e of pack.entries) {
      t.true(e.rationale.trim().length >= 20, `${pack.pack}/${e.id}: rationale too short`);
      t.true(e.evidence.trim().length >= 20, `${pack.pack}/${e.id}: evidence too short`);
      t.false(/DEV_RATES|TODO/.test(e.evidence), `${pack.pack}/${e.id}: evidence placeholder left`);
    }
  }
});

test('entries sit under the categories of their pack', (t) => {
  const prefix: Record<string, RegExp> = {
    'prc-state-media': /^state-media\.prc\./,
    'ru-state-media': /^state-media\.ru\./,
    'ir-state-media': /^state-media\.ir\./,
    evaluative: /^evaluative\.(positive|negative|booster|loaded)$/,
    hedges: /^(hedge|certainty)\./,
    'vague-attribution': /^attribution\.vague$/,
    'term-choices': /^choice\./,
  };
  for (const pack of packs)
    for (const e of pack.entries)
      t.regex(e.category, prefix[pack.pack] as RegExp, `${pack.pack}/${e.id}: category ${e.category}`);
});

test('choices entries name their set and their alternative, and each set has two alternatives or more', (t) => {
  const terms = new Map<string, Set<string>>();
  for (const e of packs.find((p) => p.pack === 'term-choices')?.entries ?? []) {
    t.truthy(e.choice, `${e.id}: choice`);
    t.truthy(e.term, `${e.id}: term`);
    const set = terms.get(e.choice as string) ?? new Set<string>();
    set.add(e.term as string);
    terms.set(e.choice as string, set);
  }
  for (const [choice, set] of terms) t.true(set.size >= 2, `${choice} has ${set.size} alternative(s)`);
});

test('no pattern names an outlet, a news agency or a dateline', (t) => {
  const outlet =
    /\b(china daily|xinhua|global times|cgtn|people's daily|tass|ria novosti|sputnik|rt\.com|new york times|guardian|telegraph|hindustan times|reuters|associated press|bbc|updated:|copyright)\b/i;
  for (const pack of packs)
    for (const e of pack.entries)
      for (const p of e.patterns) t.false(outlet.test(p.text), `${pack.pack}/${e.id}: pattern "${p.text}"`);
});

test('matching invented text finds the formulae in each pack', (t) => {
  const lexicon = compileLexicon(packs);
  const text =
    'The minister called the partnership a stabilising force and an anchor of stability. ' +
    'He urged win-win cooperation and rejected the Cold War mentality of certain politicians. ' +
    'Officials described the special military operation as a response to NATO expansion. ' +
    'Critics say the plan is reckless, and analysts noted it may fail. Debate over the Taiwan question continued.';
  const doc = readDocument({
    id: 'invented',
    text,
    metadata: {},
    source: { file: 'invented', format: 'txt' },
  });
  const found = findMatches(doc, lexicon, { quotations: [], attributions: [] });
  const ids = new Set(found.map((m) => `${m.pack}/${m.entryId}`));
  for (const id of [
    'prc-state-media/stabilizing-force',
    'prc-state-media/win-win',
    'prc-state-media/cold-war-mentality',
    'prc-state-media/certain-politicians',
    'ru-state-media/special-military-operation',
    'ru-state-media/nato-expansion',
    'evaluative/loaded-judgements',
    'vague-attribution/critics-some',
    'vague-attribution/collective-experts',
    'hedges/modal-hedge',
    'term-choices/taiwan-question',
  ])
    t.true(ids.has(id), `${id} not found; found ${[...ids].join(', ')}`);
  // "Taiwan" inside "the Taiwan question" is the PRC formula, not the plain name.
  t.false(ids.has('term-choices/taiwan'));
  for (const m of found) t.is(m.text, text.slice(m.start, m.end));
});

/** The state-media hits of a text, each as `pack/entry`. */
function stateMediaHits(text: string): string[] {
  return hitsWithReportVerbs(text)
    .filter((m) => m.category.startsWith('state-media.'))
    .map((m) => `${m.pack}/${m.entryId}`);
}

test('the state-media packs find the labels of each register in invented text', (t) => {
  const ids = new Set(
    stateMediaHits(
      "Kiev's forces shelled the town, the Donbass republics said. Unfriendly countries imposed " +
        'anti-Russian sanctions. The Zionist regime and the axis of resistance were named, and so was ' +
        'global arrogance. Terrorist US forces withdrew. The ministry refuted the report and defended ' +
        'dynamic zero-COVID, saying the virus knows no borders.',
    ),
  );
  for (const id of [
    'ru-state-media/kiev-forces',
    'ru-state-media/new-territories',
    'ru-state-media/unfriendly-states',
    'ir-state-media/zionist-regime',
    'ir-state-media/resistance-axis',
    'ir-state-media/global-arrogance',
    'ir-state-media/terrorist-us-forces',
    'prc-state-media/rebuttal-verbs',
    'prc-state-media/prevention-and-control',
    'prc-state-media/joint-efforts',
  ])
    t.true(ids.has(id), `${id} not found; found ${[...ids].join(', ')}`);
});

test('ordinary news English that fires as often outside state media is no state-media hit', (t) => {
  t.deepEqual(
    stateMediaHits(
      'A neo-Nazi group marched in Berlin, and students staged a protest outside parliament. The ' +
        'so-called lab leak theory was debated. Aid reached the occupied Palestinian territories. ' +
        'The plan will promote trade, strengthen ties and safeguard jobs, and the two sides agreed to ' +
        'work together and to demilitarize the zone.',
    ),
    [],
  );
});

const reportVerbsPack = readPackFile(join(repoRoot, 'lexicons', 'report-verbs.yaml'));

/** Hits of the content packs and report-verbs.yaml loaded together, as the analyzer loads them. */
function hitsWithReportVerbs(text: string): Match[] {
  const doc = readDocument({
    id: 'invented',
    text,
    metadata: {},
    source: { file: 'invented', format: 'txt' },
  });
  return findMatches(doc, compileLexicon([...packs, ...reportVerbsPack]), {
    quotations: [],
    attributions: [],
  });
}

test('judging report verbs count as report-verb.loaded, not twice as evaluative words', (t) => {
  const found = hitsWithReportVerbs(
    'The senator slammed the bill and claimed that the mayor admitted nothing.',
  );
  const categoryOf = (word: string) => found.find((m) => m.text.toLowerCase() === word)?.category;
  for (const word of ['slammed', 'claimed', 'admitted']) t.is(categoryOf(word), 'report-verb.loaded', word);
});

test('neutral report verbs and descriptive words are not evaluation', (t) => {
  const found = hitsWithReportVerbs(
    'The minister stressed the point and warned of delays. Two people were found dead, and the rich ' +
      'district fared well as well. The two countries value their friendship and bilateral ties.',
  );
  t.deepEqual(
    found.filter((m) => m.category.startsWith('evaluative.') || m.category.startsWith('state-media.')),
    [],
    found.map((m) => `${m.category}: ${m.text}`).join(' | '),
  );
});

test('the new evaluative entries find stance adverbs, emotive adjectives and pejorative labels', (t) => {
  const found = hitsWithReportVerbs(
    'Shockingly, the hardliners peddled a blatant falsehood, and the plan was conveniently dropped.',
  );
  const entries = new Set(found.map((m) => m.entryId));
  for (const id of ['subjective-adverbs', 'pejorative-labels', 'loaded-verbs-extra', 'emotive-adjectives'])
    t.true(entries.has(id), `${id}; found ${[...entries].join(', ')}`);
});

test('the validity scripts mask outlet datelines, including the full-width dash, and split halves by class', (t) => {
  const masked = maskOutletGiveaways(
    'A headline line\nROME\uFF0DOfficials met on Monday.\nBEIJING - More talks.',
  );
  t.false(/ROME|BEIJING|\uFF0D/.test(masked), masked);
  t.true(masked.includes('Officials met on Monday.'));
  t.is(maskOutletGiveaways('He said - and then left'), 'He said - and then left');
  const labels = [true, true, true, true, false, false, false, false, false, false];
  const inA = splitHalves(
    labels.map((_, i) => `item-${i}`),
    labels,
  );
  t.is(inA.filter((a, i) => a && labels[i]).length, 2);
  t.is(inA.filter((a, i) => a && !labels[i]).length, 3);
  t.deepEqual(
    splitHalves(
      labels.map((_, i) => `item-${i}`),
      labels,
    ),
    inA,
  );
});

// --- seed articles (../shared) -------------------------------------------------------------------

const seedMatches = (() => {
  const cache = new Map<string, Match[]>();
  const lexicon = compileLexicon(packs);
  return (prefix: string): Match[] => {
    let found = cache.get(prefix);
    if (!found) {
      const dir = sharedPath('corpus', 'seeds');
      const file = readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
      if (!file) throw new Error(`expected a seed article ${prefix}_*.txt in ${dir}, found none`);
      const text = readFileSync(join(dir, file), 'utf8');
      const doc = readDocument({ id: file, text, metadata: {}, source: { file, format: 'txt' } });
      found = findMatches(doc, lexicon, { quotations: [], attributions: [] });
      cache.set(prefix, found);
    }
    return found;
  };
})();

for (const seed of ['000', '001', '002']) {
  sharedTest(['corpus', 'seeds'], `seed ${seed}: "stabilizing force" is found`, (t) => {
    const hits = seedMatches(seed).filter((m) => m.entryId === 'stabilizing-force');
    t.true(
      hits.some((m) => /stabili[sz]ing\s+force/i.test(m.text)),
      `hits: ${hits.map((m) => m.text).join(' | ')}`,
    );
  });
}

sharedTest(['corpus', 'seeds'], 'seed 004: the "important stabilising factor" is found', (t) => {
  const hits = seedMatches('004').filter((m) => m.entryId === 'stabilizing-force');
  t.true(
    hits.some((m) => /stabilising\s+factor/i.test(m.text)),
    `hits: ${hits.map((m) => m.text).join(' | ')}`,
  );
});

sharedTest(
  ['corpus', 'seeds'],
  'term choice: 002 says "Ukraine crisis", 003 and 004 say "war in Ukraine"',
  (t) => {
    const terms = (seed: string) =>
      new Set(
        seedMatches(seed)
          .filter((m) => m.pack === 'term-choices' && m.category === 'choice.ukraine-war')
          .map((m) => m.entryId),
      );
    t.true(terms('002').has('ukraine-crisis'), `002: ${[...terms('002')].join(', ')}`);
    t.true(terms('003').has('war-in-ukraine'), `003: ${[...terms('003')].join(', ')}`);
    t.true(terms('004').has('war-in-ukraine'), `004: ${[...terms('004')].join(', ')}`);
  },
);
