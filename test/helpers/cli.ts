import { type SpawnOptions, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { parseRfc4180 } from './rfc4180.ts';
import { repoRoot } from './shared.ts';

/**
 * Black-box runs of the framescope command (`node src/cli/bin.js`), as a user would start it: a
 * child process in a folder of its own, its exit code, stdout and stderr. Tests built on this
 * know nothing of the modules inside src/, so they outlive any restructuring of them.
 */

export const BIN = join(repoRoot, 'src', 'cli', 'bin.js');

/**
 * One compiled-lexicon cache for every run a test file starts: the built-in packs are compiled by
 * the first run and read back by the others (about 1.3 s of CPU less per run), as they are for a
 * user. The cache is keyed by the packs' content, so no run can read another's lexicons; it is
 * removed when the file's tests end.
 */
const CACHE_DIR = mkdtempSync(join(tmpdir(), 'framescope-test-cache-'));
process.on('exit', () => rmSync(CACHE_DIR, { recursive: true, force: true }));

export interface CliRun {
  /** Exit code; null when the process was killed (by `timeoutMs` or `killAfterMs`). */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  /** Bytes or text for standard input, or a function that writes it (and ends it) itself. */
  readonly stdin?: string | Buffer | ((stdin: NodeJS.WritableStream) => void);
  /** Killed with SIGKILL after this long: a hang fails the test instead of the suite. */
  readonly timeoutMs?: number;
  /** SIGKILL after this many milliseconds, to interrupt a run on purpose. */
  readonly killAfterMs?: number;
  /** Options for node itself, before the script (e.g. `--max-old-space-size=64`). */
  readonly nodeOptions?: readonly string[];
  /** Run as this user and group (root only), to meet permissions as a user would. */
  readonly uid?: number;
  readonly gid?: number;
  /** A command line for bash instead of argv (process substitution, pipes); `$FRAMESCOPE` is the command. */
  readonly shell?: boolean;
}

/** Runs `framescope <args>` and collects what it printed. Never rejects. */
export function framescope(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  // For `shell` command lines, unquoted: the paths of node and of the repository hold no spaces here.
  const command = [process.execPath, ...(options.nodeOptions ?? []), BIN].join(' ');
  const spawnOptions: SpawnOptions = {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, FRAMESCOPE_CACHE_DIR: CACHE_DIR, FRAMESCOPE: command },
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid }),
  };
  const child = options.shell
    ? spawn('bash', ['-c', args.join(' ')], spawnOptions)
    : spawn(process.execPath, [...(options.nodeOptions ?? []), BIN, ...args], spawnOptions);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (c: Buffer) => out.push(c));
  child.stderr?.on('data', (c: Buffer) => err.push(c));
  child.stdin?.on('error', () => {}); // the command may stop reading early, on purpose
  const { stdin } = options;
  if (typeof stdin === 'function') stdin(child.stdin as NodeJS.WritableStream);
  else child.stdin?.end(stdin ?? '');
  const timers: NodeJS.Timeout[] = [];
  const kill = () => child.kill('SIGKILL');
  timers.push(setTimeout(kill, options.timeoutMs ?? 90_000));
  if (options.killAfterMs !== undefined) timers.push(setTimeout(kill, options.killAfterMs));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      for (const t of timers) clearTimeout(t);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

export const tempDir = (label = 'cases') => mkdtempSync(join(tmpdir(), `framescope-${label}-`));

export type Row = Record<string, string>;

/** An output CSV as rows of named cells (strict RFC 4180 reading). */
export function readRows(path: string): Row[] {
  const [header = [], ...rows] = parseRfc4180(readFileSync(path, 'utf8'));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** Every file below `root` (forward slashes) with its bytes: to prove that nothing was changed. */
export function snapshotFiles(
  root: string,
  skip: (path: string) => boolean = () => false,
): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const rel = relative(root, path).split(sep).join('/');
      if (skip(rel)) continue;
      if (statSync(path).isDirectory()) walk(path);
      else files.set(rel, readFileSync(path).toString('base64'));
    }
  };
  walk(root);
  return files;
}

/** Plain article text (invented) with attributions and a quote, for a run that finds something. */
export const ARTICLE_TEXT =
  'Harbour Accord Signed\n\nThe two sides signed the harbour accord on Thursday. "It is a fair deal," the minister said. Officials said talks would resume.\n';
