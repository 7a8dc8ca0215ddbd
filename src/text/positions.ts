import type { Span, TextSpan } from '../types.ts';

/**
 * Line and column arithmetic over one text. Offsets are UTF-16 code units (JavaScript string
 * indexes); lines and columns are 1-based, and a CRLF counts as one line break.
 */

/** Offsets at which each line starts. */
export function lineStartsOf(text: string): Int32Array {
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return Int32Array.from(starts);
}

/** 1-based line and column of an offset, by binary search over the line starts. */
export function lineColumnOf(lineStarts: Int32Array, offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (lineStarts[lo] as number) + 1 };
}

export function spanOf(lineStarts: Int32Array, start: number, end: number): Span {
  const { line, column } = lineColumnOf(lineStarts, start);
  return { start, end, line, column };
}

export function textSpanOf(text: string, lineStarts: Int32Array, start: number, end: number): TextSpan {
  return { ...spanOf(lineStarts, start, end), text: text.slice(start, end) };
}

/** `line:column` as printed in reports. */
export function formatPlace(span: Span): string {
  return `${span.line}:${span.column}`;
}
