/**
 * The pattern language of a pack entry, parsed into words before compilation:
 *
 *   word word ...        consecutive tokens
 *   hegemon*  ?          glob inside one word (`*` any run of characters, `?` one character)
 *   re:<regex>           one token matched by a regular expression (checked for safety)
 *   word@NOUN            one token with a Universal POS tag
 *   A NEAR/n B           A and B (each a word or phrase) within n tokens in the same sentence
 */

import { isSafePattern } from 'redos-detector';

export type PatternWord =
  | { readonly kind: 'literal'; readonly text: string; readonly pos: string | null }
  | { readonly kind: 'glob'; readonly text: string; readonly pos: string | null }
  | { readonly kind: 'regex'; readonly source: string; readonly pos: string | null };

export interface PatternSyntax {
  /** One phrase, or two for NEAR. */
  readonly phrases: readonly (readonly PatternWord[])[];
  /** The NEAR distance in tokens, or null for a plain phrase. */
  readonly near: number | null;
}

export interface PatternError {
  readonly code:
    | 'lexicon/empty-pattern'
    | 'lexicon/bad-syntax'
    | 'lexicon/unsafe-regex'
    | 'lexicon/never-matches';
  readonly message: string;
  readonly hint: string;
}

/** Universal POS tags wink-nlp assigns. */
export const POS_TAGS: ReadonlySet<string> = new Set([
  'ADJ',
  'ADP',
  'ADV',
  'AUX',
  'CCONJ',
  'DET',
  'INTJ',
  'NOUN',
  'NUM',
  'PART',
  'PRON',
  'PROPN',
  'PUNCT',
  'SCONJ',
  'SYM',
  'VERB',
  'X',
  'SPACE',
]);

export const MAX_REGEX_LENGTH = 200;
export const MAX_NEAR_DISTANCE = 50;

const NEAR = /\s+NEAR\/(\S*)\s+/;
const POS_SUFFIX = /^(.+)@([A-Z]+)$/;

/**
 * Steps redos-detector may take on one regex before it calls it unsafe. Deterministic (a step
 * count, not a time): 5,000 accepts the alternations of verbs the built-in packs hold and refuses
 * `(a|a)+` in about a second at most.
 */
export const REDOS_MAX_STEPS = 5_000;

const verdicts = new Map<string, string | null>();

/**
 * Why redos-detector finds that a token regex can backtrack catastrophically, or null. The regex
 * runs anchored (`^(?:...)$`) on each token. It is checked as written with the `u` flag, and, where
 * it is also a valid regex without that flag, case-insensitively too, since packs match without
 * regard to case by default and `(a|A)+` is only ambiguous then.
 */
function backtrackingProblem(source: string): string | null {
  const known = verdicts.get(source);
  if (known !== undefined) return known;
  const anchored = `^(?:${source})$`;
  const settings: { unicode: boolean; caseInsensitive?: boolean }[] = [{ unicode: true }];
  try {
    new RegExp(anchored);
    if (!/\\[pPu]\{|\\k/.test(source)) settings.push({ unicode: false, caseInsensitive: true });
  } catch {
    // Valid only with the u flag: checked with it alone.
  }
  let verdict: string | null = null;
  for (const options of settings) {
    const result = isSafePattern(anchored, {
      ...options,
      maxSteps: REDOS_MAX_STEPS,
      timeout: Number.POSITIVE_INFINITY,
    });
    if (!result.safe) {
      verdict =
        result.error === 'hitMaxSteps'
          ? `could not be shown to run in bounded time within ${REDOS_MAX_STEPS} steps of redos-detector (it may backtrack catastrophically, as \`(a|a)+\` does)`
          : 'can backtrack catastrophically on some tokens (redos-detector: ambiguous repetition, as in `(a|a)+` or `a*a*b`)';
      break;
    }
  }
  verdicts.set(source, verdict);
  return verdict;
}

/**
 * Why a token regex is unsafe, or null. A regex runs on every token of every article, so one
 * longer than MAX_REGEX_LENGTH, one with backreferences or lookaround, one that nests quantifiers
 * (`(a+)+`, refused at once) or one that redos-detector finds can backtrack catastrophically is
 * refused.
 */
export function regexProblem(source: string): string | null {
  if (source.length > MAX_REGEX_LENGTH)
    return `is ${source.length} characters long (at most ${MAX_REGEX_LENGTH})`;
  if (/\\[1-9]|\\k<|\(\?<?[=!]/.test(source)) return 'uses a backreference or lookaround';
  // Walk the groups: a group whose body holds a quantifier and that is itself quantified nests quantifiers.
  const stack: boolean[] = [];
  let quantifiedInside = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      const close = source.indexOf(']', i + 2);
      if (close < 0) break;
      i = close;
      continue;
    }
    if (c === '(') {
      stack.push(quantifiedInside);
      quantifiedInside = false;
    } else if (c === ')') {
      const inner = quantifiedInside;
      quantifiedInside = stack.pop() ?? false;
      const next = source[i + 1];
      const groupQuantified = next === '*' || next === '+' || next === '?' || next === '{';
      if (inner && groupQuantified && next !== '?')
        return 'nests quantifiers (like `(a+)+`), which can take exponential time';
      if (inner || groupQuantified) quantifiedInside = true;
    } else if (c === '*' || c === '+' || c === '{') {
      quantifiedInside = true;
    }
  }
  try {
    new RegExp(source, 'u');
  } catch (error) {
    return `is not a valid regular expression (${(error as Error).message})`;
  }
  return backtrackingProblem(source);
}

function parseWord(word: string): PatternWord | PatternError {
  if (word.startsWith('re:')) {
    const source = word.slice(3);
    if (source === '')
      return {
        code: 'lexicon/empty-pattern',
        message: '`re:` has no regex',
        hint: 'write `re:` followed by a regex',
      };
    const problem = regexProblem(source);
    if (problem)
      return {
        code: problem.startsWith('is not a valid') ? 'lexicon/bad-syntax' : 'lexicon/unsafe-regex',
        message: `regex \`${source}\` ${problem}`,
        hint: 'use a plain regex without nested quantifiers or backreferences, or a glob like `word*`',
      };
    return { kind: 'regex', source, pos: null };
  }
  let text = word;
  let pos: string | null = null;
  const posMatch = POS_SUFFIX.exec(word);
  if (posMatch) {
    text = posMatch[1] as string;
    pos = (posMatch[2] as string).toUpperCase();
    if (!POS_TAGS.has(pos))
      return {
        code: 'lexicon/never-matches',
        message: `\`@${posMatch[2]}\` is not a Universal POS tag, so \`${word}\` never matches`,
        hint: `use one of ${[...POS_TAGS].join(', ')}`,
      };
  }
  if (/[*?]/.test(text)) {
    if (/^[*?]+$/.test(text))
      return {
        code: 'lexicon/bad-syntax',
        message: `the glob \`${text}\` matches every token`,
        hint: 'put at least one letter in a glob, or use `A NEAR/n B` for a gap',
      };
    return { kind: 'glob', text, pos };
  }
  return { kind: 'literal', text, pos };
}

function parsePhrase(text: string): PatternWord[] | PatternError {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0)
    return { code: 'lexicon/empty-pattern', message: 'a pattern is empty', hint: 'write at least one word' };
  const out: PatternWord[] = [];
  for (const w of words) {
    const parsed = parseWord(w);
    if ('code' in parsed) return parsed;
    out.push(parsed);
  }
  return out;
}

/** Parses one pattern string, or says what is wrong with it. */
export function parsePattern(pattern: string): PatternSyntax | PatternError {
  if (pattern.trim() === '')
    return {
      code: 'lexicon/empty-pattern',
      message: 'a pattern is empty',
      hint: 'remove the empty line or write the pattern',
    };
  const parts = pattern.split(NEAR);
  if (parts.length === 1) {
    const phrase = parsePhrase(pattern);
    return 'code' in phrase ? phrase : { phrases: [phrase], near: null };
  }
  if (parts.length !== 3)
    return {
      code: 'lexicon/bad-syntax',
      message: `\`${pattern}\` has more than one NEAR`,
      hint: 'write one `A NEAR/n B` per pattern; list more combinations as separate patterns',
    };
  const distanceText = parts[1] as string;
  const distance = /^\d+$/.test(distanceText) ? Number(distanceText) : Number.NaN;
  if (!(distance >= 0 && distance <= MAX_NEAR_DISTANCE))
    return {
      code: 'lexicon/bad-syntax',
      message: `NEAR distance \`${distanceText}\` in \`${pattern}\` is not a whole number from 0 to ${MAX_NEAR_DISTANCE}`,
      hint: 'write it like `A NEAR/5 B`',
    };
  const left = parsePhrase(parts[0] as string);
  if ('code' in left) return left;
  const right = parsePhrase(parts[2] as string);
  if ('code' in right) return right;
  return { phrases: [left, right], near: distance };
}

export function isPatternError(x: PatternSyntax | PatternError): x is PatternError {
  return 'code' in x;
}

/** A text as a regex that matches it literally (the stages that build their own regexes from packs). */
export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
