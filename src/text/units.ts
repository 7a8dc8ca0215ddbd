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

/** Whether a string holds a character of `DASHES`: most tokens have none, and skip both regexes. */
function hasDash(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (
      c === 0x2d ||
      (c >= 0x2010 && c <= 0x2015) ||
      c === 0x2212 ||
      c === 0xfe58 ||
      c === 0xfe63 ||
      c === 0xff0d
    )
      return true;
  }
  return false;
}

/** Growable columns of a unit stream under construction. */
class UnitColumns {
  count = 0;
  token: Int32Array;
  start: Int32Array;
  end: Int32Array;
  sentence: Int32Array;
  scored: Uint8Array;
  readonly forms: UnitForms[] = [];
  readonly pos: string[] = [];

  constructor(capacity: number) {
    const n = Math.max(capacity, 4);
    this.token = new Int32Array(n);
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
    this.sentence = new Int32Array(n);
    this.scored = new Uint8Array(n);
  }

  push(
    t: number,
    start: number,
    end: number,
    sentence: number,
    scored: number,
    forms: UnitForms,
    pos: string,
  ) {
    const k = this.count;
    if (k === this.token.length) this.grow();
    this.token[k] = t;
    this.start[k] = start;
    this.end[k] = end;
    this.sentence[k] = sentence;
    this.scored[k] = scored;
    this.forms.push(forms);
    this.pos.push(pos);
    this.count = k + 1;
  }

  private grow(): void {
    const n = this.token.length * 2;
    const widen = <A extends Int32Array | Uint8Array>(a: A, make: (n: number) => A): A => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.token = widen(this.token, (m) => new Int32Array(m));
    this.start = widen(this.start, (m) => new Int32Array(m));
    this.end = widen(this.end, (m) => new Int32Array(m));
    this.sentence = widen(this.sentence, (m) => new Int32Array(m));
    this.scored = widen(this.scored, (m) => new Uint8Array(m));
  }

  stream(): UnitStream {
    const n = this.count;
    return {
      count: n,
      // Views, not copies: the columns are not written again once the stream is made.
      token: this.token.subarray(0, n),
      start: this.start.subarray(0, n),
      end: this.end.subarray(0, n),
      sentence: this.sentence.subarray(0, n),
      scored: this.scored.subarray(0, n),
      forms: this.forms,
      pos: this.pos,
    };
  }
}

export function unitsOf(tokens: UnitSource): UnitStream {
  const n = tokens.count;
  const out = new UnitColumns(n);
  // Columns read once, so the loop indexes arrays rather than looking fields up per token.
  const {
    value: values,
    start: starts,
    sentence: sentences,
    normal: normals,
    lemma: lemmas,
    pos: tags,
  } = tokens;
  const scoredIn = tokens.scored;
  for (let t = 0; t < n; t++) {
    const value = values[t] as string;
    const dashed = hasDash(value);
    if (dashed && isDashToken(value)) continue;
    const s = starts[t] as number;
    const sent = sentences[t] as number;
    const sc = scoredIn ? (scoredIn[t] as number) : 1;
    const tag = tags[t] as string;
    if (dashed && value.length > 2 && INNER_DASH.test(value)) {
      const lemmaParts = (lemmas[t] as string).split(DASH_SPLIT);
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
        out.push(
          t,
          s + part.at,
          s + part.at + part.text.length,
          sent,
          sc,
          formsOf(part.text, lower, sameLemmaShape ? (lemmaParts[k] as string) : lower),
          tag,
        );
      });
      continue;
    }
    out.push(
      t,
      s,
      s + value.length,
      sent,
      sc,
      formsOf(value, normals[t] as string, lemmas[t] as string),
      tag,
    );
  }
  return out.stream();
}
