import { packHash } from './hash.ts';
import { displayPackPath } from './load.ts';
import type { Pack } from './types.ts';

/** A lexicon pack as a run used it: what the methods section and the manifest print. */
export interface PackInfo {
  readonly pack: string;
  readonly kind: string;
  readonly version: string;
  readonly file: string;
  readonly sha256: string;
  readonly entries: number;
  readonly licence: string;
  readonly citation: string;
}

/** What a run lists of a pack it used. */
export function packInfoOf(p: Pack): PackInfo {
  return {
    pack: p.pack,
    kind: p.kind,
    version: p.version,
    file: displayPackPath(p.file),
    sha256: packHash(p),
    entries: p.entries.length,
    licence: p.licence,
    citation: p.citation,
  };
}
