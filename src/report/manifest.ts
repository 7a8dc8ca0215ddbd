import { createHash } from 'node:crypto';
import type { RunData } from './runData.ts';

const sha256 = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

/** Serialises with sorted keys, so the manifest's bytes depend on its content only. */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

/**
 * `manifest.json`: what a reader needs to regenerate a run months later: tool and Node versions,
 * the run's options, every input article with the hash and size of its text, and every output
 * file with its hash. Only `started_at` and `ended_at` change between identical runs.
 */
export function buildManifest(
  data: RunData,
  outputs: ReadonlyMap<string, string | Uint8Array>,
  times: { readonly startedAt: Date; readonly endedAt: Date },
  extra: Readonly<Record<string, unknown>> = {},
): string {
  return stableJson({
    tool: 'framescope',
    tool_version: data.toolVersion,
    node_version: process.version,
    options: data.settings,
    lexicon_packs: data.packs.map((p) => ({
      pack: p.pack,
      version: p.version,
      file: p.file,
      sha256: p.sha256,
    })),
    inputs: data.results.map((r) => ({
      id: r.article.id,
      file: r.article.source.file,
      ...(r.article.source.line === undefined ? {} : { line: r.article.source.line }),
      text_sha256: sha256(r.article.text),
      text_chars: r.article.text.length,
    })),
    skipped: data.skipped.map((s) => ({ id: s.id, file: s.file, code: s.code })),
    outputs: [...outputs].map(([name, content]) => ({
      file: name,
      sha256: sha256(content),
      bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.length,
    })),
    started_at: times.startedAt.toISOString(),
    ended_at: times.endedAt.toISOString(),
    ...extra,
  });
}
