import type { Document, Quotation } from '../types.ts';
import { textSpanOf } from './positions.ts';
import { unscoredRanges } from './structure.ts';
import { blocksOf } from './tokenize.ts';

/**
 * Quotation marks of an article, paired paragraph by paragraph. News text is messy: straight
 * marks serve as both opening and closing marks, single marks double as apostrophes, curly marks
 * are sometimes typed the wrong way round, and a quote can lose its closing mark. Each mark's role
 * is decided from the characters around it (a mark with a space on its left and a letter on its
 * right opens) and from what is open, so that an odd mark never swallows the rest of the article:
 * an unclosed double quote ends at its paragraph's end (`closed: false`).
 */

type Family = 'double' | 'single' | 'guillemet';
type Mark = Quotation['mark'];

interface Open {
  readonly at: number;
  readonly family: Family;
  readonly mark: Mark;
}

const OPENING_CONTEXT = new Set([...'([{—–-/:;', '“', '‘', '"', "'", '«', '\u00a0']);
const CLOSING_PUNCT = new Set([...'.,;:!?)]}—–-…/', '”', '’', '"', "'", '»']);

const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Space or an opening bracket/quote on the left, something printable on the right. */
function opensHere(text: string, i: number): boolean {
  const p = text[i - 1];
  const n = text[i + 1];
  return (isSpace(p) || OPENING_CONTEXT.has(p as string)) && !isSpace(n);
}

/** Something printable on the left, a space, punctuation or the end on the right. */
function closesHere(text: string, i: number): boolean {
  const p = text[i - 1];
  const n = text[i + 1];
  return !isSpace(p) && (isSpace(n) || CLOSING_PUNCT.has(n as string));
}

/** An elided year or word: '90s, ’em, ’til, ’cause, rock ’n’ roll. */
const ELISION = /^['’](\d{2}s?\b|em\b|til\b|cause\b|n['’]|tis\b|twas\b)/i;

export function findQuotations(doc: Document): Quotation[] {
  const text = doc.text;
  const skip = unscoredRanges(doc.structure);
  const found: Quotation[] = [];
  for (const block of blocksOf(text)) {
    if (skip.some(([s, e]) => s <= block.start && block.end <= e)) continue;
    pairInBlock(doc, block.start, block.end, found);
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

function pairInBlock(doc: Document, from: number, to: number, out: Quotation[]): void {
  const text = doc.text;
  const stack: Open[] = [];
  const emit = (open: Open, closeAt: number, closed: boolean, depth: number) => {
    // An unclosed quote ends at the last printable character before `closeAt`.
    let end = closed ? closeAt + 1 : closeAt;
    if (!closed) while (end > open.at + 1 && isSpace(text[end - 1])) end--;
    const contentEnd = closed ? closeAt : end;
    if (contentEnd <= open.at + 1) return;
    out.push({
      ...textSpanOf(text, doc.lineStarts, open.at, end),
      content: textSpanOf(text, doc.lineStarts, open.at + 1, contentEnd),
      mark: open.mark,
      closed,
      depth,
    });
  };
  const topIndexOf = (family: Family) => {
    for (let k = stack.length - 1; k >= 0; k--) if ((stack[k] as Open).family === family) return k;
    return -1;
  };
  /** Closes the open quote at `k`; quotes opened inside it and never closed are dropped. */
  const closeAt = (k: number, i: number) => {
    const open = stack[k] as Open;
    stack.length = k;
    emit(open, i, true, k);
  };

  for (let i = from; i < to; i++) {
    const c = text[i] as string;
    switch (c) {
      case '“':
      case '”':
      case '"':
      case '«':
      case '»': {
        const family: Family = c === '«' || c === '»' ? 'guillemet' : 'double';
        const mark: Mark = c === '"' ? 'double' : family === 'guillemet' ? 'guillemet' : 'curly-double';
        const k = topIndexOf(family);
        const opening = opensHere(text, i);
        const closing = closesHere(text, i);
        const canonicalOpen = c === '“' || c === '«';
        const canonicalClose = c === '”' || c === '»';
        if (k >= 0) {
          if (canonicalOpen ? closing && !opening : !(opening && !closing)) closeAt(k, i);
          else {
            // A clear opening mark while a quote of the same family is open: English does not
            // nest a family inside itself, so the earlier quote lost its closing mark.
            const open = stack[k] as Open;
            stack.length = k;
            emit(open, i, false, k);
            stack.push({ at: i, family, mark });
          }
        } else if (canonicalOpen || (opening && !(canonicalClose && closing))) {
          stack.push({ at: i, family, mark });
        }
        // Otherwise a stray closing mark with nothing open: not a quotation.
        break;
      }
      case "'":
      case '‘':
      case '’': {
        const p = text[i - 1];
        const n = text[i + 1];
        // Inside a word (don't, Xi's, O'Brien) or an elision ('90s): an apostrophe.
        if (isWordChar(p) && isWordChar(n)) break;
        if (c !== '‘' && isSpace(p) && ELISION.test(text.slice(i, i + 6))) break;
        const mark: Mark = c === "'" ? 'single' : 'curly-single';
        const k = topIndexOf('single');
        const opening = opensHere(text, i);
        const closing = closesHere(text, i);
        if (k >= 0 && closing && c !== '‘') closeAt(k, i);
        else if (opening && !closing && c !== '’') stack.push({ at: i, family: 'single', mark });
        else if (opening && !closing && c === '’' && k < 0 && !isWordChar(p))
          stack.push({ at: i, family: 'single', mark });
        // Else: a possessive (countries') or a stray mark.
        break;
      }
      default:
    }
  }
  // Paragraph end: double quotes and guillemets close here; a single mark that never closed was
  // more likely an apostrophe (’em, ’til) than a quotation, so it is dropped.
  for (let k = 0; k < stack.length; k++) {
    const open = stack[k] as Open;
    if (open.family !== 'single') emit(open, to, false, k);
  }
}
