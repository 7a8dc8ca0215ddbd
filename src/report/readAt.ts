import { readSync } from 'node:fs';

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
