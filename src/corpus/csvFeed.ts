import { Transform } from 'node:stream';

/**
 * The text between a CSV file and papaparse, for two things papaparse does not give:
 *
 * - Line numbers. papaparse says where a record ends (its cursor, in characters) but not on which
 *   line, and it skips blank lines without a word; the feed keeps where every line break ends, so
 *   a record's first line is exact whatever was skipped before it.
 * - Linear time on a huge record. papaparse parses a record cut by the end of a chunk again, from
 *   its start, with the next chunk; a 50 MB quoted cell arriving in 64 KB chunks is parsed ~800
 *   times. The feed holds text back while papaparse has a record pending, until it can give at
 *   least as much again: the pending record is re-parsed a logarithmic number of times.
 * - The same reading from a pipe as from a file: papaparse guesses the line end from its first
 *   chunk, and a chunk cut inside a quoted cell holding a CR misleads it. The feed says which line
 *   end the text uses (`lineEnd`, from its first line break) for the caller to give papaparse.
 */
export class CsvFeed extends Transform {
  /** Ends (offsets just after) of line breaks not yet passed by a record, in order. */
  private breakEnds: number[] = [];
  private firstBreak = 0;
  /** Line breaks already dropped from `breakEnds`. */
  private passed = 0;
  /** Characters given to papaparse so far, and where its last whole record ended. */
  private given = 0;
  private recordEnd = 0;
  private held: string[] = [];
  private heldChars = 0;
  /** Whether the text so far ends with CR, whose LF may start the next chunk. */
  private endsWithCr = false;
  private seen = 0;
  /** Where the last line break seen ends (-1: none yet). */
  private lastBreakEnd = -1;
  /** Whether a whole line break has been seen (a CR at the very end may be the start of CR LF). */
  private wholeLineSeen = false;
  private settleLineEnd: (lineEnd: '\r\n' | '\n' | '\r') => void = () => {};
  /** The line end of the text, from its first line break (LF when it has none). */
  readonly lineEnd = new Promise<'\r\n' | '\n' | '\r'>((resolve) => {
    this.settleLineEnd = resolve;
  });

  constructor() {
    super({ decodeStrings: false, encoding: 'utf8' });
  }

  override _transform(chunk: string | Buffer, _encoding: BufferEncoding, callback: () => void): void {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    this.noteText(text);
    this.held.push(text);
    this.heldChars += text.length;
    // papaparse guesses the file's line end from the first text it gets: that must hold one.
    if (this.wholeLineSeen && this.heldChars >= this.given - this.recordEnd) this.release();
    callback();
  }

  override _flush(callback: () => void): void {
    this.settleLineEnd(this.endsWithCr ? '\r' : '\n');
    this.release(true);
    callback();
  }

  private release(last = false): void {
    if (this.heldChars === 0) return;
    let text = this.held.length === 1 ? (this.held[0] as string) : this.held.join('');
    this.held = [];
    this.heldChars = 0;
    // A chunk ending between the CR and the LF of a line end misleads papaparse: the CR waits.
    if (!last && text.charCodeAt(text.length - 1) === 13) {
      this.held = ['\r'];
      this.heldChars = 1;
      text = text.slice(0, -1);
      if (text === '') return;
    }
    this.given += text.length;
    this.push(text);
  }

  /** Notes the line breaks of the next piece of text (done by the stream; for text held whole, call it once). */
  noteText(text: string): void {
    const base = this.seen;
    if (!this.wholeLineSeen) {
      const first = this.endsWithCr ? (text[0] === '\n' ? '\r\n' : '\r') : /\r\n|\n|\r(?!$)/.exec(text)?.[0];
      if (first !== undefined) {
        this.wholeLineSeen = true;
        this.settleLineEnd(first as '\r\n' | '\n' | '\r');
      }
    }
    let from = 0;
    if (this.endsWithCr && text.charCodeAt(0) === 10) {
      // CR LF cut between two chunks: one line break, ending after the LF.
      // (Already passed by a record when the list is empty: it was counted then.)
      if (this.breakEnds.length > 0) this.breakEnds[this.breakEnds.length - 1] = base + 1;
      from = 1;
    }
    const lineBreak = /\r\n|\r|\n/g;
    lineBreak.lastIndex = from;
    for (let m = lineBreak.exec(text); m !== null; m = lineBreak.exec(text))
      this.breakEnds.push(base + m.index + m[0].length);
    this.endsWithCr = text.charCodeAt(text.length - 1) === 13;
    this.seen += text.length;
    if (this.breakEnds.length > 0) this.lastBreakEnd = this.breakEnds[this.breakEnds.length - 1] as number;
  }

  /**
   * The first line of a record papaparse has just read: it ended at `cursor` and holds
   * `innerBreaks` line breaks inside its quoted cells; a record whose quote never closed runs to
   * the end, its last line break included (`terminated` false).
   */
  recordLine(cursor: number, innerBreaks: number, terminated = true): number {
    this.recordEnd = cursor;
    let endsWithBreak = false;
    while (this.firstBreak < this.breakEnds.length && (this.breakEnds[this.firstBreak] as number) <= cursor) {
      endsWithBreak = this.breakEnds[this.firstBreak] === cursor;
      this.firstBreak++;
    }
    if (this.firstBreak > 4096 && this.firstBreak * 2 > this.breakEnds.length) {
      this.passed += this.firstBreak;
      this.breakEnds = this.breakEnds.slice(this.firstBreak);
      this.firstBreak = 0;
    }
    const breaksBefore = this.passed + this.firstBreak;
    return breaksBefore + 1 - (endsWithBreak && terminated ? 1 : 0) - innerBreaks;
  }

  /** The number of the last line that holds text, for a cell that runs on to the end. */
  lastLine(): number {
    return this.passed + this.breakEnds.length + (this.endsWithLineBreak() ? 0 : 1);
  }

  private endsWithLineBreak(): boolean {
    return this.lastBreakEnd === this.seen;
  }
}

/** Line breaks inside the cells of a papaparse record (the extra cells of a too-long one included). */
export function innerLineBreaks(row: Readonly<Record<string, unknown>>): number {
  const count = (v: unknown) => (typeof v === 'string' ? (v.match(/\r\n|\r|\n/g) ?? []).length : 0);
  let n = 0;
  for (const v of Object.values(row))
    n += Array.isArray(v) ? v.reduce((k: number, x) => k + count(x), 0) : count(v);
  return n;
}
