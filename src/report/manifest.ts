import { INDEXES, formulaOf } from '../figures/indexes.ts';
import type { WrittenFile } from './outputFiles.ts';
import type { RunOverview } from './runData.ts';

const isPlainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/**
 * A JSON-ready value with every object's keys sorted (arrays keep their order). A plain object or
 * array that is sorted all the way down already is returned as it is rather than copied, so a
 * writer that builds its objects in key order (results.ndjson) pays only for the check.
 */
export function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      // Primitives are their own sorted form: most values are, so the call is skipped for them.
      const sorted = item === null || typeof item !== 'object' ? item : sortKeys(item);
      if (copy === null && sorted !== item) copy = value.slice(0, i);
      if (copy !== null) copy.push(sorted);
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let inOrder = isPlainObject(value);
  for (let i = 1; inOrder && i < keys.length; i++) inOrder = (keys[i - 1] as string) < (keys[i] as string);
  if (!inOrder) return Object.fromEntries(keys.sort().map((k) => [k, sortKeys(record[k])]));
  let values: unknown[] | null = null;
  for (let i = 0; i < keys.length; i++) {
    const item = record[keys[i] as string];
    if (item === null || typeof item !== 'object') continue;
    const sorted = sortKeys(item);
    if (sorted === item) continue;
    values ??= keys.map((k) => record[k]);
    values[i] = sorted;
  }
  if (values === null) return value;
  const sortedValues = values;
  return Object.fromEntries(keys.map((k, i) => [k, sortedValues[i]]));
}

/** Serialises with sorted keys, so the manifest's bytes depend on its content only. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

/**
 * `manifest.json`: what a reader needs to regenerate a run months later: tool and Node versions,
 * the run's options, the definition of each composite index, every input article with the hash and size of its text, and every output
 * file with its hash. Only `started_at` and `ended_at` change between identical runs.
 */
export function buildManifest(
  run: RunOverview,
  outputs: readonly WrittenFile[],
  times: { readonly startedAt: Date; readonly endedAt: Date },
  extra: Readonly<Record<string, unknown>> = {},
): string {
  return [...manifestParts(run, outputs, times, extra)].join('');
}

/** Stands for the list of inputs while the rest of the manifest is serialised. */
const INPUTS_PLACE = '\u0000inputs\u0000';

/**
 * The text of `manifest.json` in pieces: the list of inputs (one entry per article, read from
 * the run's records) is written an entry at a time, with the bytes `stableJson` gives.
 */
export function* manifestParts(
  run: RunOverview,
  outputs: readonly WrittenFile[],
  times: { readonly startedAt: Date; readonly endedAt: Date },
  extra: Readonly<Record<string, unknown>> = {},
): Generator<string> {
  const whole = stableJson({
    tool: 'framescope',
    tool_version: run.toolVersion,
    node_version: process.version,
    options: run.settings,
    lexicon_packs: run.packs.map((p) => ({
      pack: p.pack,
      version: p.version,
      file: p.file,
      sha256: p.sha256,
    })),
    // The definition of each composite index, so that two runs whose column kept its name but
    // not its meaning (a new definition version) can be told apart.
    indexes: INDEXES.map((index) => ({
      name: index.name,
      version: index.version,
      formula: formulaOf(index),
    })),
    inputs: INPUTS_PLACE,
    skipped: run.skipped.map((s) => ({ id: s.id, file: s.file, code: s.code })),
    outputs: outputs.map((o) => ({ file: o.file, sha256: o.sha256, bytes: o.bytes })),
    started_at: times.startedAt.toISOString(),
    ended_at: times.endedAt.toISOString(),
    ...extra,
  });
  const place = `"inputs": ${JSON.stringify(INPUTS_PLACE)}`;
  const at = whole.indexOf(place);
  if (at < 0 || whole.indexOf(place, at + 1) >= 0)
    throw new Error('buildManifest: expected the list of inputs once in the manifest');
  yield `${whole.slice(0, at)}"inputs": [`;
  let first = true;
  for (const r of run.records) {
    // What stableJson gives for the entry, keys sorted, at the list's depth.
    const line = r.line === undefined ? '' : `\n      "line": ${JSON.stringify(r.line)},`;
    yield `${first ? '\n' : ',\n'}    {\n      "file": ${JSON.stringify(r.file)},\n      "id": ${JSON.stringify(r.id)},${line}\n      "text_chars": ${JSON.stringify(r.textChars)},\n      "text_sha256": ${JSON.stringify(r.textSha256)}\n    }`;
    first = false;
  }
  yield `${first ? ']' : '\n  ]'}${whole.slice(at + place.length)}`;
}
