import { createHash } from 'node:crypto';
import type { Pack } from './types.ts';

/** JSON with object keys sorted, so that equal content always gives equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * SHA-256 of a pack's content (fields and entries, not its file name, line numbers or comments),
 * recorded in a run manifest so that a result names exactly which lexicon produced it.
 */
export function packHash(pack: Pack): string {
  const content = {
    pack: pack.pack,
    kind: pack.kind,
    version: pack.version,
    description: pack.description,
    licence: pack.licence,
    citation: pack.citation,
    // Only when declared, so that the hash of a pack that feeds no index is what it always was.
    ...(pack.indexes && Object.keys(pack.indexes).length > 0
      ? {
          indexes: Object.fromEntries(
            Object.entries(pack.indexes).map(([key, categories]) => [key, categories.map((c) => c.text)]),
          ),
        }
      : {}),
    entries: pack.entries.map((e) => ({
      id: e.id,
      category: e.category,
      patterns: e.patterns.map((p) => p.text),
      weight: e.weight,
      rationale: e.rationale,
      evidence: e.evidence,
      match: e.match,
      exclude: e.exclude.map((p) => p.text),
      pos: e.pos,
      case_sensitive: e.caseSensitive,
      choice: e.choice,
      term: e.term,
      extra: e.extra,
    })),
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
