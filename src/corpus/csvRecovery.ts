/**
 * A quoted cell that is never closed (or closed in the wrong place) swallows the records after
 * it. When the lines after one of its line breaks read as whole records with the header's number
 * of fields (and a key without spaces), they are those records and the broken cell ends at that
 * line break; else the cell is kept as papaparse read it.
 *
 * In linear time: reading on from a record's start always gives the same records, so whether the
 * text from a position on is all good records is worked out once per position (memo), and the
 * characters scanned are capped at a few times the cell's length (past that, no recovery).
 */

export interface Recovered {
  /** The broken cell up to the cut. */
  readonly kept: string;
  /** The records after the cut, each with its line counted from the line after the cut (0). */
  readonly records: readonly { readonly fields: readonly string[]; readonly line: number }[];
  /** Line breaks of the cell up to and including the cut. */
  readonly skippedBreaks: number;
}

interface ScannedRecord {
  readonly fields: string[];
  /** Where the next record starts. */
  readonly next: number;
}

/** One RFC 4180 record of `text` from `from`, or null when a closing quote is followed by more text. */
function scanRecord(text: string, from: number, delimiter: string, stop: RegExp): ScannedRecord | null {
  const fields: string[] = [];
  let at = from;
  while (true) {
    let value: string;
    if (text[at] === '"') {
      let close = text.indexOf('"', at + 1);
      while (close >= 0 && text[close + 1] === '"') close = text.indexOf('"', close + 2);
      // A quote never closed runs on to the end of the text, as papaparse reads it.
      if (close < 0) close = text.length;
      value = text.slice(at + 1, close).replaceAll('""', '"');
      at = Math.min(close + 1, text.length);
      if (at < text.length && !text.startsWith(delimiter, at) && text[at] !== '\r' && text[at] !== '\n')
        return null;
    } else {
      stop.lastIndex = at;
      const m = stop.exec(text);
      const end = m === null ? text.length : m.index;
      value = text.slice(at, end);
      at = end;
    }
    fields.push(value);
    if (at >= text.length) return { fields, next: text.length };
    if (text.startsWith(delimiter, at)) {
      at += delimiter.length;
      continue;
    }
    return { fields, next: at + (text.startsWith('\r\n', at) ? 2 : 1) };
  }
}

const countLineBreaks = (s: string): number => (s.match(/\r\n|\r|\n/g) ?? []).length;
const isBlank = (fields: readonly string[]) => fields.every((f) => f.trim() === '');
/** An id (or first cell) holding spaces is prose that happens to contain commas, not a record. */
const looksLikeKey = (v: string | undefined) => v !== undefined && /^\S{1,200}$/.test(v);

export function recoverSwallowedRecords(
  cell: string,
  fieldCount: number,
  keyIndex: number,
  delimiter = ',',
): Recovered | null {
  if (fieldCount < 2) return null;
  const stop = new RegExp(`${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|\\r\\n|\\r|\\n`, 'g');
  const scan = (pos: number) => scanRecord(cell, pos, delimiter, stop);
  const budget = 4 * cell.length + 65_536;
  let scanned = 0;
  /** Record start -> whether every record from there to the end is good. */
  const goodFrom = new Map<number, boolean>();
  const isGoodFrom = (start: number): boolean | 'gave up' => {
    const visited: number[] = [];
    let pos = start;
    let good: boolean;
    while (true) {
      if (pos >= cell.length) {
        good = true;
        break;
      }
      const known = goodFrom.get(pos);
      if (known !== undefined) {
        good = known;
        break;
      }
      visited.push(pos);
      const record = scan(pos);
      scanned += (record?.next ?? cell.length) - pos;
      if (scanned > budget) return 'gave up';
      if (
        record === null ||
        (!isBlank(record.fields) &&
          !(record.fields.length === fieldCount && looksLikeKey(record.fields[keyIndex])))
      ) {
        good = false;
        break;
      }
      pos = record.next;
    }
    for (const v of visited) goodFrom.set(v, good);
    return good;
  };
  const lineBreak = /\r\n|\r|\n/g;
  let skippedBreaks = 0;
  for (let cut = lineBreak.exec(cell); cut !== null; cut = lineBreak.exec(cell)) {
    skippedBreaks++;
    const start = cut.index + cut[0].length;
    const good = isGoodFrom(start);
    if (good === 'gave up') return null;
    if (!good) continue;
    const records: { fields: string[]; line: number }[] = [];
    let line = 0;
    for (let pos = start; pos < cell.length; ) {
      const record = scan(pos) as ScannedRecord;
      if (!isBlank(record.fields)) records.push({ fields: record.fields, line });
      line += countLineBreaks(cell.slice(pos, record.next));
      pos = record.next;
    }
    // Only blank lines after the cut: nothing was swallowed from here on.
    if (records.length === 0) return null;
    return { kept: cell.slice(0, cut.index), records, skippedBreaks };
  }
  return null;
}
