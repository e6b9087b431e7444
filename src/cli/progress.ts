// Progress of long scans on stderr, only when stderr is a terminal (never in pipes or CI logs).

/** Shows "[n/total] file" and throughput on one rewritten terminal line. */
export class Progress {
  private readonly enabled: boolean;
  private index = 0;
  private bytes = 0;
  private readonly started = Date.now();

  constructor(private readonly total: number, stream: NodeJS.WriteStream = process.stderr) {
    this.enabled = stream.isTTY === true && total > 0;
    this.stream = stream;
  }

  private readonly stream: NodeJS.WriteStream;

  /** Announces the file about to be scanned. */
  start(path: string): void {
    this.index += 1;
    if (!this.enabled) return;

    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? ` ${(this.bytes / 1e6 / seconds).toFixed(1)} MB/s` : '';
    const name = path.length > 60 ? `…${path.slice(-59)}` : path;
    this.stream.write(`\r\x1b[K[${this.index}/${this.total}]${rate} ${name}`);
  }

  /** Counts the characters of a scanned file, for the throughput figure. */
  done(characters: number): void {
    this.bytes += characters;
  }

  /** Clears the progress line. */
  finish(): void {
    if (this.enabled) this.stream.write('\r\x1b[K');
  }
}
