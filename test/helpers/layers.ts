import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The one-way rule of docs/architecture.md, checked on the import statements of `src/`: every file
 * belongs to a stage, a stage imports only from its own or lower stages, and no files import each
 * other in a circle. Pure functions over an import graph, so that test/layers.test.ts can show
 * the checker failing on small invented graphs as well as passing on the real tree.
 */

/** The stages from the bottom up; a name is a folder of src/ or a file at its top. */
export const STAGES: readonly (readonly string[])[] = [
  ['types.ts', 'order.ts', 'version.ts'],
  ['corpus', 'text'],
  ['lexicon'],
  ['match'],
  ['attribution'],
  ['figures'],
  ['compare'],
  ['analyzer'],
  ['report'],
  ['agree', 'curation'],
  ['run'],
  ['cli'],
  ['index.ts'],
];

/** Files (paths relative to src/, with `/`) and, for each, the src files it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

export interface LayerViolation {
  readonly kind: 'no-stage' | 'upward' | 'circle';
  readonly message: string;
}

/** The stage a file belongs to: the first part of its path. */
export function stageOf(file: string): string {
  return file.split('/')[0] as string;
}

/**
 * Relative specifiers a file names: static imports and re-exports (type-only included: a stage
 * should not know the types of a higher one either), `import()` calls, and modules a worker
 * thread is started on (`new URL('./x…', import.meta.url)`, `startWorker('./x', …)`).
 */
export function importedSpecifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s[^'"`;]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/gm,
    /^\s*import\s*['"](\.{1,2}\/[^'"]+)['"]/gm,
    /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g,
    /\bnew URL\(\s*[`'"](\.{1,2}\/[^'"`$]+)/g,
    /\bstartWorker\(\s*['"](\.{1,2}\/[^'"]+)['"]/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) found.push(m[1] as string);
  return found;
}

/** The import graph of the TypeScript and JavaScript files under `srcDir`. */
export function readImportGraph(srcDir: string): ImportGraph {
  const root = resolve(srcDir);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|js)$/.test(entry)) files.push(path);
    }
  };
  walk(root);
  const known = new Set(files);
  const withExtension = (path: string): string | null => {
    for (const candidate of [path, `${path}.ts`, `${path}.js`]) if (known.has(candidate)) return candidate;
    return null;
  };
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets: string[] = [];
    for (const spec of importedSpecifiers(readFileSync(file, 'utf8'))) {
      const target = withExtension(resolve(dirname(file), spec));
      // Targets outside src/ (package.json, the compiled dist/) are not stages.
      if (target !== null) targets.push(relative(root, target).split(sep).join('/'));
    }
    graph.set(relative(root, file).split(sep).join('/'), [...new Set(targets)]);
  }
  return graph;
}

/** Files that import each other in a circle (strongly connected components of two or more). */
export function circles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, iterative so that a deep chain cannot overflow the stack.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; next: number };
      const targets = graph.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++] as string;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target))
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(target) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent)
        low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfImport = (graph.get(frame.node) ?? []).includes(frame.node);
        if (component.length > 1 || selfImport) found.push(component.sort());
      }
    }
  }
  return found;
}

/** Every break of the one-way rule in `graph`, given the stages from the bottom up. */
export function layerViolations(
  graph: ImportGraph,
  stages: readonly (readonly string[])[] = STAGES,
): LayerViolation[] {
  const rank = new Map<string, number>();
  stages.forEach((names, i) => {
    for (const name of names) rank.set(name, i);
  });
  const violations: LayerViolation[] = [];
  for (const [file, targets] of graph) {
    const own = rank.get(stageOf(file));
    if (own === undefined) {
      violations.push({
        kind: 'no-stage',
        message: `${file}: belongs to no stage (expected one of ${stages.flat().join(', ')})`,
      });
      continue;
    }
    for (const target of targets) {
      const theirs = rank.get(stageOf(target));
      if (theirs !== undefined && theirs > own)
        violations.push({
          kind: 'upward',
          message: `${file} imports ${target}: stage ${stageOf(file)} may not import from the higher stage ${stageOf(target)}`,
        });
    }
  }
  for (const circle of circles(graph))
    violations.push({ kind: 'circle', message: `files that import each other: ${circle.join(' -> ')}` });
  return violations;
}
