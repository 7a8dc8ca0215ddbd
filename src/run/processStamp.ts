import { readFileSync } from 'node:fs';

/**
 * A process named so that it cannot be mistaken for another: its id and the time it started
 * (field 22 of /proc/<pid>/stat, in clock ticks since boot). Ids are reused once a process ends,
 * so an id alone would let a stale lock pass for a live one, or a live one for a stale one.
 */
export interface ProcessStamp {
  readonly pid: number;
  /** Null where /proc is not available (macOS, Windows): the id alone is then checked. */
  readonly start: string | null;
}

/** The start time of a process from /proc, or null when it cannot be read. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or ')': count from the last one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the name start at field 3 (the state); the start time is field 22.
    return fields[22 - 3] ?? null;
  } catch {
    return null;
  }
}

/** This process's stamp. */
export function thisProcess(): ProcessStamp {
  return { pid: process.pid, start: startTimeOf(process.pid) };
}

/** Whether the process a stamp names is still running (not ended, not replaced by another with its id). */
export function isRunning(stamp: ProcessStamp): boolean {
  try {
    process.kill(stamp.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (stamp.start === null) return true;
  const start = startTimeOf(stamp.pid);
  return start === null || start === stamp.start;
}

/** Reads a stamp back from JSON, or null when the value is not one. */
export function stampOf(value: unknown): ProcessStamp | null {
  if (value === null || typeof value !== 'object') return null;
  const { pid, start } = value as { pid?: unknown; start?: unknown };
  if (!Number.isInteger(pid) || (pid as number) <= 0) return null;
  if (start !== null && typeof start !== 'string') return null;
  return { pid: pid as number, start: start as string | null };
}
