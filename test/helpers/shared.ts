import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import test, { type ImplementationFn } from 'ava';

/**
 * The shared data sets live beside the repository (`../shared`), never inside it. Tests that need
 * them go through here, so that a fresh clone without `../shared` still passes and says why a test
 * did not run.
 */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedRoot = resolve(repoRoot, '..', 'shared');

export function sharedPath(...parts: string[]): string {
  return join(sharedRoot, ...parts);
}

export function hasShared(...parts: string[]): boolean {
  return existsSync(sharedPath(...parts));
}

/** `test` when `../shared/<parts>` exists, else a skipped test whose title says what is missing. */
export function sharedTest(parts: string[], title: string, fn: ImplementationFn<[]>): void {
  if (hasShared(...parts)) test(title, fn);
  else test.skip(`${title} (skipped: ../shared/${parts.join('/')} is absent)`, fn);
}
