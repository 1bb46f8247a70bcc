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

/** Bytes hashed per batch. */
const BATCH_BYTES = 1 << 16;
/** Longest field copied byte by byte; longer ones go through the UTF-8 encoder. */
const FAST_TEXT_MAX = 32;
/** Head-room past a batch for one line: two numbers (≤ 16 digits), three fast fields, separators. */
const SLACK_BYTES = 256;

/**
 * Writes lines straight into a byte buffer that is hashed in batches: building a JS string per
 * line (template + concatenation) cost twice as much as the rest of the kernel's work per event.
 * The tail keeps fields, not lines, and formats them only when a failure asks.
 */
export class TraceRecorder {
  readonly enabled: boolean;
  /** Lines written so far. */
  lines = 0;
  private readonly hash: Hash | undefined;
  private readonly sink: ((line: string) => void) | undefined;
  private readonly bytes = new Uint8Array(BATCH_BYTES + SLACK_BYTES);
  private pos = 0;
  private readonly tailAtMs: number[];
  private readonly tailStep: number[];
  private readonly tailKind: string[];
  private readonly tailSubject: string[];
  private readonly tailDetail: string[];
  private readonly tailMax: number;
  private tailNext = 0;
  /** Digits of the last `atMs` and `step` written: consecutive lines share or increment them. */
  private readonly atDigits = new DecimalCache();
  private readonly stepDigits = new DecimalCache();

  constructor(options: TraceOptions) {
    this.enabled = options.enabled;
    this.hash = options.enabled ? createHash("sha256") : undefined;
    this.sink = options.sink;
    this.tailMax = Math.max(0, options.tailLinesMax);
    this.tailAtMs = new Array<number>(this.tailMax);
    this.tailStep = new Array<number>(this.tailMax);
    this.tailKind = new Array<string>(this.tailMax);
    this.tailSubject = new Array<string>(this.tailMax);
    this.tailDetail = new Array<string>(this.tailMax);
  }

  write(atMs: number, step: number, kind: string, subject: string, detail: string): void {
    if (!this.enabled) return;
    const d = detail.includes("\n") ? detail.replace(/\n/g, "\\n") : detail;
    this.lines++;
    this.pos = this.atDigits.write(atMs, this.bytes, this.pos);
    this.bytes[this.pos++] = 32;
    this.pos = this.stepDigits.write(step, this.bytes, this.pos);
    this.bytes[this.pos++] = 32;
    this.text(kind);
    this.bytes[this.pos++] = 32;
    this.text(subject);
    if (d.length > 0) {
      this.bytes[this.pos++] = 32;
      this.text(d);
    }
    this.bytes[this.pos++] = 10;
    if (this.pos >= BATCH_BYTES) this.flush();
    if (this.tailMax > 0) {
      const i = this.tailNext;
      this.tailAtMs[i] = atMs;
      this.tailStep[i] = step;
      this.tailKind[i] = kind;
      this.tailSubject[i] = subject;
      this.tailDetail[i] = d;
      this.tailNext = i + 1 === this.tailMax ? 0 : i + 1;
    }
    if (this.sink) this.sink(formatLine(atMs, step, kind, subject, d));
  }

  /** Hex SHA-256 of everything written so far (the trace can go on afterwards); null when disabled. */
  digest(): string | null {
    if (!this.hash) return null;
    this.flush();
    return this.hash.copy().digest("hex");
  }

  /** The most recent lines, oldest first. */
  recentLines(): string[] {
    const out: string[] = [];
    for (let k = 0; k < this.tailMax; k++) {
      const i = (this.tailNext + k) % this.tailMax;
      const kind = this.tailKind[i];
      if (kind !== undefined)
        out.push(
          formatLine(
            this.tailAtMs[i] as number,
            this.tailStep[i] as number,
            kind,
            this.tailSubject[i] as string,
            this.tailDetail[i] as string,
          ),
        );
    }
    return out;
  }

  private flush(): void {
    if (this.pos === 0) return;
    this.hash?.update(this.bytes.subarray(0, this.pos));
    this.pos = 0;
  }

  /** UTF-8 of `s`: an ASCII fast path, the encoder for anything else or anything long. */
  private text(s: string): void {
    const n = s.length;
    if (n <= FAST_TEXT_MAX) {
      const b = this.bytes;
      let p = this.pos;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 128) break;
        b[p++] = c;
      }
      if (i === n) {
        this.pos = p;
        return;
      }
    }
    this.flush();
    this.hash?.update(s, "utf8");
  }
}

/**
 * Decimal digits of a non-negative safe integer, remembering the last value: the same value is a
 * copy, the next value (step + 1) an in-place increment; only a jump divides.
 */
class DecimalCache {
  private value = 0;
  private readonly digits = new Uint8Array(17).fill(48, 0, 1);
  private length = 1;

  write(n: number, out: Uint8Array, pos: number): number {
    if (n !== this.value) {
      if (n === this.value + 1) this.increment();
      else this.set(n);
      this.value = n;
    }
    const d = this.digits;
    for (let i = 0; i < this.length; i++) out[pos + i] = d[i] as number;
    return pos + this.length;
  }

  private increment(): void {
    const d = this.digits;
    let i = this.length - 1;
    while (i >= 0 && d[i] === 57) d[i--] = 48;
    if (i >= 0) {
      d[i] = (d[i] as number) + 1;
      return;
    }
    d.copyWithin(1, 0, this.length);
    d[0] = 49;
    this.length++;
  }

  /** Digits by division, right to left: no string per jump (every timer tick's time is one). */
  private set(n: number): void {
    const d = this.digits;
    let len = 1;
    for (let x = Math.floor(n / 10); x > 0; x = Math.floor(x / 10)) len++;
    let x = n;
    for (let i = len - 1; i >= 0; i--) {
      const q = Math.floor(x / 10);
      d[i] = 48 + (x - q * 10);
      x = q;
    }
    this.length = len;
  }
}

function formatLine(atMs: number, step: number, kind: string, subject: string, detail: string): string {
  return detail.length === 0 ? `${atMs} ${step} ${kind} ${subject}` : `${atMs} ${step} ${kind} ${subject} ${detail}`;
}
