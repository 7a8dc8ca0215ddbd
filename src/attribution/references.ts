import type { Document } from '../types.ts';
import { firstTokenAtOrAfter } from './speech.ts';

/**
 * Citations that point to a source rather than report it in a sentence: parenthetical
 * references "(Xinhua, 2026)", the entries of a references list, and links. Found with fixed
 * regular expressions over the scored text and the structure's references part.
 */

export interface CitationDraft {
  readonly kind: 'parenthetical' | 'reference' | 'link';
  readonly source: { readonly start: number; readonly end: number };
  readonly content: { readonly start: number; readonly end: number } | null;
  readonly sentence: number;
}

/** "(Name, 2026)", "(Name et al., 2019a)", "(Name, 2026, p. 4)", "(Name 2026)". */
const PARENTHETICAL = /\(([\p{Lu}][^()\d]{0,80}?),?\s+((?:19|20)\d{2}[a-z]?|n\.d\.)(?:[,;:][^()]{0,40})?\)/gu;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>()"“”'’]+[^\s<>()"“”'’.,;:!?]/g;
/** "Author. (2026, ...). Title" or "Author, A. (2026). Title" or "Author (2026) Title". */
const REFERENCE_ENTRY = /^(.{1,120}?)\.?\s*\(((?:19|20)\d{2}[^)]*|n\.d\.)\)\.?\s*(.*)$/u;
const REFERENCES_HEADING = /^(references|sources|bibliography|works cited|notes)\s*:?$/i;

function sentenceAt(doc: Document, offset: number): number {
  const k = Math.min(firstTokenAtOrAfter(doc, offset), doc.tokens.count - 1);
  return k >= 0 ? (doc.tokens.sentence[k] as number) : 0;
}

function inScored(doc: Document, offset: number): boolean {
  const k = firstTokenAtOrAfter(doc, offset);
  return k < doc.tokens.count && doc.tokens.scored[k] === 1;
}

/** The content a parenthetical reference closes: its sentence up to the parenthesis, after any earlier one. */
function clauseBefore(
  doc: Document,
  parenStart: number,
  floor: number,
): { start: number; end: number } | null {
  const sentence = doc.sentences[sentenceAt(doc, parenStart)];
  let start = Math.max(sentence ? sentence.span.start : floor, floor);
  const text = doc.text;
  while (start < parenStart && /[\s,;)]/.test(text[start] as string)) start++;
  let end = parenStart;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  return end > start ? { start, end } : null;
}

export function citationsOf(doc: Document): CitationDraft[] {
  const text = doc.text;
  const out: CitationDraft[] = [];
  let lastEnd = 0;
  PARENTHETICAL.lastIndex = 0;
  for (let m = PARENTHETICAL.exec(text); m; m = PARENTHETICAL.exec(text)) {
    if (!inScored(doc, m.index)) continue;
    const name = (m[1] as string).replace(/\s+$/, '');
    const sourceStart = m.index + 1;
    out.push({
      kind: 'parenthetical',
      source: { start: sourceStart, end: sourceStart + name.length },
      content: clauseBefore(doc, m.index, lastEnd),
      sentence: sentenceAt(doc, m.index),
    });
    lastEnd = m.index + m[0].length;
  }
  for (const part of doc.structure.references) {
    if (REFERENCES_HEADING.test(part.text)) continue;
    const m = REFERENCE_ENTRY.exec(part.text);
    const author = m ? (m[1] as string) : (part.text.split(/[.,]/)[0] ?? part.text);
    const sourceEnd = part.start + author.length;
    const rest = m ? (m[3] as string) : '';
    const contentStart = part.end - rest.length;
    out.push({
      kind: 'reference',
      source: { start: part.start, end: sourceEnd },
      content: rest.trim() ? { start: contentStart, end: part.end } : null,
      sentence: sentenceAt(doc, part.start),
    });
  }
  URL.lastIndex = 0;
  for (let m = URL.exec(text); m; m = URL.exec(text)) {
    const k = firstTokenAtOrAfter(doc, m.index);
    const inFurniture = doc.structure.furniture.some((f) => f.start <= m.index && m.index < f.end);
    if (inFurniture) continue;
    out.push({
      kind: 'link',
      source: { start: m.index, end: m.index + m[0].length },
      content: null,
      sentence: k < doc.tokens.count ? (doc.tokens.sentence[k] as number) : 0,
    });
  }
  return out;
}

/** The host of a link without "www.", e.g. "xinhuanet.com". */
export function hostOf(url: string): string {
  return (
    url
      .replace(/^https?:\/\//, '')
      .replace(/^www\./, '')
      .split(/[/?#]/)[0] ?? url
  );
}
