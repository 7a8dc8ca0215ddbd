import type { CliIO } from './io.ts';

/**
 * Progress on stderr, never stdout (which may carry piped output): a bar redrawn in place when
 * stderr is a terminal, a plain line every few seconds otherwise, nothing when quiet.
 */
export class Progress {
  private articles = 0;
  private tokens = 0;
  private readonly started = Date.now();
  private lastDraw = Date.now();
  private readonly total: number | null;

  constructor(
    private readonly io: CliIO,
    private readonly options: {
      readonly quiet: boolean;
      readonly total?: number;
      readonly intervalMs?: number;
    },
  ) {
    this.total = options.total ?? null;
  }

  tick(tokens: number): void {
    this.articles++;
    this.tokens += tokens;
    if (this.options.quiet) return;
    const now = Date.now();
    const interval = this.io.stderrIsTTY ? 100 : (this.options.intervalMs ?? 5000);
    if (now - this.lastDraw < interval) return;
    this.lastDraw = now;
    this.draw(false);
  }

  done(): void {
    if (this.options.quiet) return;
    if (this.io.stderrIsTTY) this.draw(true);
  }

  private draw(final: boolean): void {
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? this.articles / seconds : 0;
    const tokensPerSecond = seconds > 0 ? Math.round(this.tokens / seconds) : 0;
    let line = `${this.articles} articles, ${rate.toFixed(1)} articles/s, ${tokensPerSecond} tokens/s`;
    if (this.total !== null && this.total > 0) {
      const share = Math.min(1, this.articles / this.total);
      const eta = rate > 0 ? Math.max(0, (this.total - this.articles) / rate) : 0;
      const width = 24;
      const filled = Math.round(share * width);
      line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.articles}/${this.total}, ${rate.toFixed(1)} articles/s, ETA ${Math.ceil(eta)} s`;
    }
    if (this.io.stderrIsTTY) this.io.stderr(`\r${line}\x1b[K${final ? '\n' : ''}`);
    else this.io.stderr(`framescope: ${line}\n`);
  }
}
