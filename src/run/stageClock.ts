/**
 * What a run reads of the clock and says about its own cost on stderr: switched on by the
 * environment, read here and nowhere else.
 *   FRAMESCOPE_TIMING=1  the wall and CPU time of each stage of a run and of its parts
 *   FRAMESCOPE_MEMORY=1  the main thread's heap at points of a run, to check that it does not grow
 *                        with the corpus (under `node --expose-gc` after a collection)
 *   SOURCE_DATE_EPOCH=s  the time manifest.json gives as the run's start and end, in seconds
 *                        since 1970 (the reproducible-builds convention), so that a run can be
 *                        repeated byte for byte (`npm run example` sets it)
 */
const TIMING = process.env['FRAMESCOPE_TIMING'] === '1';
const MEMORY = process.env['FRAMESCOPE_MEMORY'] === '1';

/** The time a run records: now, or SOURCE_DATE_EPOCH when it is set. */
export function runTime(epoch: string | undefined = process.env['SOURCE_DATE_EPOCH']): Date {
  if (epoch === undefined || epoch === '') return new Date();
  if (!/^\d+$/.test(epoch))
    throw new Error(`SOURCE_DATE_EPOCH is set to "${epoch}": expected whole seconds since 1970, or unset it`);
  return new Date(Number(epoch) * 1000);
}

/** One line of FRAMESCOPE_TIMING. */
export function reportTiming(line: string): void {
  if (TIMING) process.stderr.write(`framescope timing: ${line}\n`);
}

const MB = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** One line of FRAMESCOPE_MEMORY: the heap when the run has `articles` articles. */
export function reportMemory(when: string, articles: number): void {
  if (!MEMORY) return;
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  process.stderr.write(
    `framescope memory: ${when}: heap used ${MB(m.heapUsed)} MB, external ${MB(m.external)} MB, rss ${MB(m.rss)} MB (${articles} articles)\n`,
  );
}

/** The wall time of a stage and of its parts (FRAMESCOPE_TIMING); without the switch no clock is read. */
export class StageClock {
  private readonly enabled = TIMING;
  private readonly start = this.enabled ? performance.now() : 0;
  /** CPU time of the process at the start: on a busy machine it says more than the wall time. */
  private readonly cpuStart = this.enabled ? process.cpuUsage() : null;
  private last = this.start;
  private readonly parts: string[] = [];

  /** Ends the part that began at the previous lap (or at the start). */
  lap(part: string): void {
    if (!this.enabled) return;
    const now = performance.now();
    this.parts.push(`${part} ${seconds(now - this.last)}`);
    this.last = now;
  }

  /** Says the stage's total and its parts on stderr. */
  report(stage: string): void {
    if (!this.enabled) return;
    const cpu = process.cpuUsage(this.cpuStart ?? undefined);
    reportTiming(
      `${stage} ${seconds(performance.now() - this.start)} s, cpu ${seconds((cpu.user + cpu.system) / 1000)} s (${this.parts.join(', ')})`,
    );
  }
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
