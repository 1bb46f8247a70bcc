/**
 * The trace: one line per event, hashed as it is written.
 *
 * Line format (fields separated by one space; `detail` may contain spaces, never a newline):
 *
 *     <atMs> <step> <kind> <subject> [detail]
 *
 * - `atMs`    virtual time of the event, integer milliseconds from the start of the run.
 * - `step`    number of the kernel event being processed (1, 2, …); lines written before the first
 *             event (seed, knobs) and by scenario set-up carry the step of the last event, 0 at first.
 *             A failure names this step, and `--until-step` style tools can stop there.
 * - `kind`    one word. Kernel kinds:
 *               seed     the run's seed and scenario (first line)
 *               knob     one resolved option, `path=value` (all knobs follow the seed line)
 *               phase    `fault` or `quiet` begins
 *               spawn    an actor is registered (`zone=… incarnation=1`)
 *               boot     an actor incarnation starts (`incarnation=N`)
 *               timer    a timer fired (`label`)
 *               recv     a message was delivered (`from=<sender> <message label>`)
 *               drop     a message was lost (`to=<receiver> <label> reason=loss|partition|down|overflow|retired`)
 *               sync     a disk sync completed (`disk=<name> sectors=N`)
 *               crash    an actor crashed (`kind=process|power`; disk outcome for power loss)
 *               retire   an actor was stopped for good
 *               fault    a fault began or ended (`partition …`, `slow …`, `disk-stall …`, `power …`)
 *               at       a scheduled world action ran (`label`)
 *               violation an invariant failed (`id=<invariant> <message>`)
 *             Any other kind is a domain event recorded by a component (`elected`, `ack`, …).
 * - `subject` the actor (or `world`, or a component's scope) the event is about.
 *
 * The trace hash is SHA-256 over the exact UTF-8 text of all lines, each followed by `\n`: piping a
 * replayed trace into `sha256sum` gives the same hex digest. Chosen over a non-crypto 64-bit hash
 * because it is verifiable with standard tools, and hashing in 64 KiB batches makes it cheap
 * (native code, ~1 GB/s).
 */
import { createHash, type Hash } from "node:crypto";

export interface TraceOptions {
  /**
   * Record the trace at all; when false, `traceHash` is null and only checkers see events.
   * @default true
   */
  readonly enabled: boolean;
  /**
   * Lines kept in memory (the most recent ones) to show with a failure.
   * @default 50
   */
  readonly tailLinesMax: number;
  /**
   * Receives every line (without the newline), e.g. to print a replay or write a file.
   * @default - lines are only hashed and kept in the tail
   */
  readonly sink?: (line: string) => void;
}

export const TRACE_DEFAULTS: TraceOptions = { enabled: true, tailLinesMax: 50 };

const BATCH_CHARS = 1 << 16;

export class TraceRecorder {
  readonly enabled: boolean;
  /** Lines written so far. */
  lines = 0;
  private readonly hash: Hash | undefined;
  private readonly sink: ((line: string) => void) | undefined;
  private buffer = "";
  private readonly tail: string[];
  private tailNext = 0;

  constructor(options: TraceOptions) {
    this.enabled = options.enabled;
    this.hash = options.enabled ? createHash("sha256") : undefined;
    this.sink = options.sink;
    this.tail = new Array<string>(Math.max(0, options.tailLinesMax));
  }

  write(atMs: number, step: number, kind: string, subject: string, detail: string): void {
    if (!this.enabled) return;
    const line = detail.length === 0 ? `${atMs} ${step} ${kind} ${subject}` : `${atMs} ${step} ${kind} ${subject} ${oneLine(detail)}`;
    this.lines++;
    this.buffer += `${line}\n`;
    if (this.buffer.length >= BATCH_CHARS) this.flush();
    if (this.tail.length > 0) {
      this.tail[this.tailNext] = line;
      this.tailNext = (this.tailNext + 1) % this.tail.length;
    }
    this.sink?.(line);
  }

  /** Hex SHA-256 of everything written so far (the trace can go on afterwards); null when disabled. */
  digest(): string | null {
    if (!this.hash) return null;
    this.flush();
    return this.hash.copy().digest("hex");
  }

  /** The most recent lines, oldest first. */
  recentLines(): string[] {
    const n = this.tail.length;
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const line = this.tail[(this.tailNext + i) % n];
      if (line !== undefined) out.push(line);
    }
    return out;
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    this.hash?.update(this.buffer, "utf8");
    this.buffer = "";
  }
}

/** A detail with a newline would break "one line per event"; escape it instead. */
function oneLine(detail: string): string {
  return detail.includes("\n") ? detail.replace(/\n/g, "\\n") : detail;
}
