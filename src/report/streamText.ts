import type { OutputFiles } from './outputFiles.ts';

/**
 * Writing a file that is too large to build as one string: its parts as they are made, with the
 * same bytes that joining them would give. Writers that used `parts.join('\n').trimEnd()` yield
 * their parts through `trimmedEnd` and `joinedLines`.
 */

/**
 * The parts whose '\n'-join is the '\n'-join of `parts` with its trailing white space removed
 * (as `String.prototype.trimEnd`): blank parts are held back until a part with text follows. An
 * empty input gives one empty part.
 */
export function* trimmedEnd(parts: Iterable<string>): Generator<string> {
  let last: string | undefined;
  let blanks: string[] = [];
  for (const part of parts) {
    if (part.trimEnd() === '') {
      blanks.push(part);
      continue;
    }
    if (last !== undefined) yield last;
    yield* blanks;
    blanks = [];
    last = part;
  }
  yield last === undefined ? '' : last.trimEnd();
}

/** The parts joined by '\n', as pieces of text to write one after the other. */
export function* joinedLines(parts: Iterable<string>): Generator<string> {
  let first = true;
  for (const part of parts) {
    yield first ? part : `\n${part}`;
    first = false;
  }
}

/** Text given to a sink in pieces of about this many characters: few calls, bounded memory. */
const PIECE = 1 << 16;

/** Appends text to one file of a sink, in pieces. */
export class FileAppender {
  private parts: string[] = [];
  private size = 0;

  constructor(
    private readonly sink: OutputFiles,
    private readonly name: string,
  ) {
    // The file exists even if nothing is appended.
    sink.append(name, '');
  }

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= PIECE) this.flush();
  }

  flush(): void {
    if (this.size === 0 && this.parts.length === 0) return;
    this.sink.append(this.name, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}
