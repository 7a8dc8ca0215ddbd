import test from 'ava';
import {
  type ImportGraph,
  STAGES,
  circles,
  importedSpecifiers,
  layerViolations,
  readImportGraph,
} from './helpers/layers.ts';
import { repoRoot } from './helpers/shared.ts';

// Issue 13: dependencies run one way (docs/architecture.md): corpus/text < lexicon < match <
// attribution < figures < compare < analyzer < report < agree < run < cli < index.ts.

const graph = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

test('every file of src/ belongs to a stage, imports only from its own or lower stages, and no files import each other in a circle', (t) => {
  const real = readImportGraph(`${repoRoot}/src`);
  t.true(real.size > 100, `expected the files of src/, found ${real.size}`);
  t.true((real.get('cli/analyzeCommand.ts') ?? []).includes('run/analyzeRun.ts'), 'the graph holds imports');
  t.deepEqual(
    layerViolations(real).map((v) => v.message),
    [],
  );
});

test('the checker refuses an import from a lower stage to a higher one, and allows the way down', (t) => {
  const violations = layerViolations(
    graph({
      'report/csv.ts': ['run/pool.ts', 'types.ts'],
      'run/pool.ts': ['report/csv.ts', 'compare/store.ts'],
      'compare/store.ts': ['types.ts'],
      'types.ts': [],
    }),
  );
  t.deepEqual(violations, [
    {
      kind: 'upward',
      message: 'report/csv.ts imports run/pool.ts: stage report may not import from the higher stage run',
    },
    { kind: 'circle', message: 'files that import each other: report/csv.ts -> run/pool.ts' },
  ]);
});

test('the checker finds circles of files within one stage, and files that belong to no stage', (t) => {
  const g = graph({
    'compare/a.ts': ['compare/b.ts'],
    'compare/b.ts': ['compare/c.ts'],
    'compare/c.ts': ['compare/a.ts', 'compare/d.ts'],
    'compare/d.ts': [],
    'compare/self.ts': ['compare/self.ts'],
    'helpers/x.ts': ['compare/d.ts'],
  });
  t.deepEqual(circles(g), [['compare/a.ts', 'compare/b.ts', 'compare/c.ts'], ['compare/self.ts']]);
  t.deepEqual(
    layerViolations(g).map((v) => v.kind),
    ['no-stage', 'circle', 'circle'],
  );
  // Folders of one stage may import each other; corpus and text share the stage above the types.
  t.deepEqual(layerViolations(graph({ 'corpus/a.ts': ['text/b.ts'], 'text/b.ts': ['types.ts'] })), []);
  t.true(STAGES.findIndex((s) => s.includes('lexicon')) < STAGES.findIndex((s) => s.includes('match')));
});

test('every kind of import is read: type-only, re-exports, dynamic imports and worker modules', (t) => {
  const source = [
    "import type { A } from '../types.ts';",
    "import {\n  b,\n  type C,\n} from './b.ts';",
    "export { d } from './d.ts';",
    "export type * from '../e.ts';",
    "import './side.ts';",
    "const m = await import('./lazy.ts');",
    'const url = new URL(`./task${CODE_EXTENSION}`, import.meta.url);',
    "const w = startWorker('./poolWorker', import.meta.url, {});",
    "import { parse } from 'yaml';",
    'const text = \'not an import from "./nothing.ts"\';',
  ].join('\n');
  t.deepEqual(importedSpecifiers(source).sort(), [
    '../e.ts',
    '../types.ts',
    './b.ts',
    './d.ts',
    './lazy.ts',
    './poolWorker',
    './side.ts',
    './task',
  ]);
});
