import type { CliIO } from '../../src/cli/io.ts';

/** A non-terminal `CliIO` that keeps what a command writes, so tests can read its output and messages. */
export function collectingIo(): { io: CliIO; out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: (s: string) => void out.push(s),
      stderr: (s: string) => void err.push(s),
      stderrIsTTY: false,
    },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

/** Runs the command line with a collecting io: the exit code and everything written. */
export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { main } = await import('../../src/cli/main.ts');
  const c = collectingIo();
  const code = await main(args, c.io);
  return { code, out: c.out(), err: c.err() };
}
