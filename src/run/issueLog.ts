import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import type { IssueList, SeverityCounts } from '../report/runData.ts';
import type { Issue } from '../types.ts';
import { writeAll } from './fileBytes.ts';

/**
 * Where a run keeps its issues until issues.csv is written: in memory, or for a long run in a
 * scratch file of JSON lines (a corpus can have an issue or more per article, each a few hundred
 * bytes), read back in order. Counts by severity stay in memory.
 */
export class IssueLog implements IssueList {
  private readonly list: Issue[] = [];
  private fd: number | null = null;
  private buffer: string[] = [];
  private buffered = 0;
  private count = 0;
  private readonly counts = { error: 0, warning: 0, info: 0 };

  /** `path`: the scratch file, or null to keep the issues in memory. */
  constructor(private readonly path: string | null = null) {
    if (path !== null) this.fd = openSync(path, 'w+');
  }

  get length(): number {
    return this.count;
  }

  get bySeverity(): SeverityCounts {
    return { ...this.counts };
  }

  add(issue: Issue): void {
    this.count++;
    this.counts[issue.severity]++;
    if (this.path === null) {
      this.list.push(issue);
      return;
    }
    const line = `${JSON.stringify(issue)}\n`;
    this.buffer.push(line);
    this.buffered += line.length;
    if (this.buffered >= 1 << 16) this.flush();
  }

  private file(): number {
    if (this.fd === null)
      throw new Error(`IssueLog: ${this.path} was closed; the run's issues are no longer readable`);
    return this.fd;
  }

  private flush(): void {
    if (this.buffered === 0) return;
    const data = Buffer.from(this.buffer.join(''), 'utf8');
    this.buffer = [];
    this.buffered = 0;
    writeAll(this.file(), data, null);
  }

  *[Symbol.iterator](): Generator<Issue> {
    if (this.path === null) {
      yield* this.list;
      return;
    }
    this.flush();
    const chunk = Buffer.allocUnsafe(1 << 20);
    let position = 0;
    let rest = Buffer.alloc(0);
    for (;;) {
      const n = readSync(this.file(), chunk, 0, chunk.length, position);
      if (n === 0) break;
      position += n;
      const data = rest.length > 0 ? Buffer.concat([rest, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      // Decode whole lines only: a chunk may end inside a character.
      const lastBreak = data.lastIndexOf(0x0a);
      rest = Buffer.from(data.subarray(lastBreak + 1));
      if (lastBreak < 0) continue;
      for (const line of data.toString('utf8', 0, lastBreak).split('\n'))
        if (line !== '') yield JSON.parse(line) as Issue;
    }
    if (rest.length > 0) yield JSON.parse(rest.toString('utf8')) as Issue;
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    rmSync(this.path as string, { force: true });
  }
}
