/**
 * Writes the VADER-derived pattern lists of lexicons/evaluative.yaml: alphabetic VADER tokens
 * (no emoticons, no slang abbreviations) whose mean human valence rating is at least `threshold`
 * away from neutral, split into positive and negative. Words that another entry of the built-in
 * framing packs already holds (the hand-written evaluative entries, report verbs, state-media
 * formulae, hedges, vague attribution) are left out, so that each word has one category. VADER is
 * MIT-licensed (C.J. Hutto 2016); the notice is kept in lexicons/README.md.
 *
 *   node --import tsx scripts/mine-vader.ts [threshold=1.5] [--write]
 *
 * Without --write the lists are printed; with it they replace the patterns of the `vader-positive`
 * and `vader-negative` entries in lexicons/evaluative.yaml (their weight, pos, rationale and
 * evidence are kept as written).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { foldSpelling } from '../src/text/fold.ts';
import { repoRoot, sharedFile } from './eval-lib.ts';

const threshold = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 1.5);
const write = process.argv.includes('--write');

interface RawEntry {
  readonly id: string;
  readonly patterns: unknown[];
}
const packFile = join(repoRoot, 'lexicons', 'evaluative.yaml');
const otherPackFiles = readdirSync(join(repoRoot, 'lexicons'))
  .filter(
    (f) =>
      f.endsWith('.yaml') && f !== 'evaluative.yaml' && f !== 'term-choices.yaml' && f !== 'event-kinds.yaml',
  )
  .map((f) => join(repoRoot, 'lexicons', f));
const entriesOf = (file: string): RawEntry[] =>
  (parseYaml(readFileSync(file, 'utf8')) as { entries?: RawEntry[] }).entries ?? [];
const handPatterns: string[] = [
  ...entriesOf(packFile).filter((e) => !e.id.startsWith('vader-')),
  ...otherPackFiles.flatMap(entriesOf),
]
  .flatMap((e) =>
    e.patterns.map((p) =>
      String(p)
        .toLowerCase()
        .replace(/@[a-z]+$/i, ''),
    ),
  )
  .filter((p) => !p.includes(' '));
const handLiterals = new Set(handPatterns.filter((p) => !/[*?]/.test(p)));
const handGlobs = handPatterns
  .filter((p) => /[*?]/.test(p))
  .map(
    (p) =>
      new RegExp(
        `^${p
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      ),
  );
const stems = (w: string) => [w, w.replace(/(es|s|ed|d|ing|ly)$/, ''), w.replace(/(s|ed|ing|ly)$/, '')];
const covered = (w: string) => stems(w).some((s) => handLiterals.has(s)) || handGlobs.some((g) => g.test(w));
// Chat abbreviations that the engine's lemmas fold into words the list already has ("thx", "fave");
// hyphenated tokens are left out as well, because a part-of-speech constraint applies to one word.
const CHAT_SLANG = new Set(['thx', 'fave', 'faves', 'luv', 'pls', 'plz']);
// Adjectives that in news mostly state a condition, a status or a rank (casualty counts, wealth,
// legal status, readiness) rather than the writer's evaluation; VADER rates them out of context.
const NEWS_DESCRIPTIVE = new Set([
  'dead',
  'infected',
  'injured',
  'wounded',
  'sick',
  'poor',
  'poorer',
  'poorest',
  'rich',
  'richer',
  'richest',
  'wealthy',
  'free',
  'safe',
  'safer',
  'ready',
  'special',
  'true',
  'popular',
  'powerful',
  'greater',
  'top',
  'clean',
  'cleaner',
  'legal',
  'illegal',
  'secure',
  'healthy',
  'alive',
]);
const seen = new Set<string>();
const positive: string[] = [];
const negative: string[] = [];
for (const line of readFileSync(sharedFile('reference-lexicons', 'vader', 'vader_lexicon.txt'), 'utf8').split(
  '\n',
)) {
  const [token, mean] = line.split('\t');
  if (
    !token ||
    token === 'fav' ||
    mean === undefined ||
    !/^[a-z][a-z']*[a-z]$/.test(token) ||
    CHAT_SLANG.has(token) ||
    NEWS_DESCRIPTIVE.has(token) ||
    token.length < 3
  )
    continue;
  const v = Number(mean);
  if (covered(token)) continue;
  // British and American spellings of one word are one pattern for the engine.
  const folded = foldSpelling(token).replace(/(ll|pp)/g, (d) => d.charAt(0));
  if (seen.has(folded)) continue;
  seen.add(folded);
  if (v >= threshold) positive.push(token);
  else if (v <= -threshold) negative.push(token);
}
const list = (words: string[]) =>
  words.map((w) => `      - ${/^(yes|no|on|off|true|false|null|y|n)$/i.test(w) ? `'${w}'` : w}\n`).join('');

if (!write) {
  console.log(
    `# positive (${positive.length})\n${list(positive)}# negative (${negative.length})\n${list(negative)}`,
  );
} else {
  let yaml = readFileSync(packFile, 'utf8');
  for (const [id, words] of [
    ['vader-positive', positive],
    ['vader-negative', negative],
  ] as const) {
    const block = new RegExp(`(  - id: ${id}\n(?:    (?!patterns:).*\n)*    patterns:\n)(?:      - .*\n)+`);
    if (!block.test(yaml))
      throw new Error(`expected an entry ${id} with a patterns list in ${packFile}, found none`);
    yaml = yaml.replace(block, (_, head: string) => head + list(words));
  }
  writeFileSync(packFile, yaml);
  console.log(`wrote ${positive.length} positive and ${negative.length} negative words to ${packFile}`);
}
