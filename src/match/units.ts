import { DASHES, type UnitForms, formsOf, isDashToken } from './fold.ts';

/**
 * The sequence of word units that patterns are matched against. It is built the same way from a
 * document's tokens and from a pattern's tokens, so that both sides agree however wink splits a
 * word: hyphen and dash tokens are dropped ("China - US" and "China US" give the same units), and a
 * token with a hyphen inside ("e-mail", "2020-21") is split at it into units of its own, each with
 * its own character offsets.
 */
export interface UnitStream {
  readonly count: number;
  /** The token each unit comes from. */
  readonly token: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly sentence: Int32Array;
  readonly scored: Uint8Array;
  readonly forms: readonly UnitForms[];
  readonly pos: readonly string[];
}

/** The token fields units are built from (a document's TokenTable has them all). */
export interface UnitSource {
  readonly count: number;
  readonly start: Int32Array;
  readonly value: readonly string[];
  readonly normal: readonly string[];
  readonly lemma: readonly string[];
  readonly pos: readonly string[];
  readonly sentence: Int32Array;
  readonly scored?: Uint8Array;
}

const INNER_DASH = new RegExp(`(?<=[^\\s])${DASHES.source}(?=[^\\s])`);
const DASH_SPLIT = new RegExp(DASHES.source, 'g');

export function unitsOf(tokens: UnitSource): UnitStream {
  const n = tokens.count;
  const token: number[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const sentence: number[] = [];
  const scored: number[] = [];
  const forms: UnitForms[] = [];
  const pos: string[] = [];
  for (let t = 0; t < n; t++) {
    const value = tokens.value[t] as string;
    if (isDashToken(value)) continue;
    const s = tokens.start[t] as number;
    const sent = tokens.sentence[t] as number;
    const sc = tokens.scored ? (tokens.scored[t] as number) : 1;
    const tag = tokens.pos[t] as string;
    if (value.length > 2 && INNER_DASH.test(value)) {
      const lemmaParts = (tokens.lemma[t] as string).split(DASH_SPLIT);
      DASH_SPLIT.lastIndex = 0;
      const parts: { text: string; at: number }[] = [];
      for (let m = DASH_SPLIT.exec(value), from = 0; ; m = DASH_SPLIT.exec(value)) {
        const to = m ? m.index : value.length;
        if (to > from) parts.push({ text: value.slice(from, to), at: from });
        if (!m) break;
        from = m.index + m[0].length;
      }
      DASH_SPLIT.lastIndex = 0;
      const sameLemmaShape = lemmaParts.length === parts.length;
      parts.forEach((part, k) => {
        const lower = part.text.toLowerCase();
        token.push(t);
        start.push(s + part.at);
        end.push(s + part.at + part.text.length);
        sentence.push(sent);
        scored.push(sc);
        forms.push(formsOf(part.text, lower, sameLemmaShape ? (lemmaParts[k] as string) : lower));
        pos.push(tag);
      });
      continue;
    }
    token.push(t);
    start.push(s);
    end.push(s + value.length);
    sentence.push(sent);
    scored.push(sc);
    forms.push(formsOf(value, tokens.normal[t] as string, tokens.lemma[t] as string));
    pos.push(tag);
  }
  return {
    count: token.length,
    token: Int32Array.from(token),
    start: Int32Array.from(start),
    end: Int32Array.from(end),
    sentence: Int32Array.from(sentence),
    scored: Uint8Array.from(scored),
    forms,
    pos,
  };
}
