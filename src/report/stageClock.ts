/**
 * The wall time of a stage and of its parts, said on stderr when FRAMESCOPE_TIMING=1: benchmarks
 * want each part's share of a run, and a run without the switch pays one clock read per part.
 */
export class StageClock {
  private readonly enabled = process.env['FRAMESCOPE_TIMING'] === '1';
  private readonly start = this.enabled ? performance.now() : 0;
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
    process.stderr.write(
      `framescope timing: ${stage} ${seconds(performance.now() - this.start)} s (${this.parts.join(', ')})\n`,
    );
  }
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
