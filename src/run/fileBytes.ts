import { readSync, writeSync } from 'node:fs';

/**
 * Fills `into` with the `into.length` bytes at `offset` of an open file. A read may return fewer
 * bytes than asked, so it loops; a file that ends first is an error naming `what` was being read.
 */
export function readAt<T extends Uint8Array>(fd: number, offset: number, into: T, what: string): T {
  let done = 0;
  while (done < into.length) {
    const n = readSync(fd, into, done, into.length - done, offset + done);
    if (n === 0) throw new Error(`${what}: the file ends before byte ${offset + into.length}`);
    done += n;
  }
  return into;
}

/**
 * Writes all of `data` to an open file at `position`, or where the file stands when it is null. A
 * write may take fewer bytes than given, so it loops.
 */
export function writeAll(fd: number, data: Uint8Array, position: number | null): void {
  let done = 0;
  while (done < data.length)
    done += writeSync(fd, data, done, data.length - done, position === null ? null : position + done);
}
