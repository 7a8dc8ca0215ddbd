import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';

export interface InputFileHash {
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * The size and SHA-256 of every input file a run read (for the run manifest), streamed so a large
 * CSV is never held in memory. Pseudo-files (standard input, pipes) and files that are gone or
 * unreadable by the end of the run are left out; the article texts' own hashes are in the manifest either way.
 */
export async function hashInputFiles(files: Iterable<string>): Promise<InputFileHash[]> {
  const out: InputFileHash[] = [];
  for (const file of [...new Set(files)].sort()) {
    if (file.startsWith('<') || !existsSync(file) || !statSync(file).isFile()) continue;
    const hash = createHash('sha256');
    try {
      for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    } catch {
      // Unreadable now (permissions, vanished): its reader reported it as input/unreadable already.
      continue;
    }
    out.push({ file, bytes: statSync(file).size, sha256: hash.digest('hex') });
  }
  return out;
}
