/**
 * The wall time of a stage and of its parts, said on stderr when FRAMESCOPE_TIMING=1: benchmarks
 * want each part's share of a run; without the switch no clock is read.
 */
export class StageClock {
  private readonly enabled = process.env['FRAMESCOPE_TIMING'] === '1';
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
    process.stderr.write(
      `framescope timing: ${stage} ${seconds(performance.now() - this.start)} s, cpu ${seconds((cpu.user + cpu.system) / 1000)} s (${this.parts.join(', ')})\n`,
    );
  }
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
