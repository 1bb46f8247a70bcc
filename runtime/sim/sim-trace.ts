import type { Kernel } from "./kernel";
import type { Trace } from "./ports";

/** Kinds the kernel writes; a component recording one of them would mislead checkers. */
export const KERNEL_KINDS: ReadonlySet<string> = new Set([
  "seed",
  "knob",
  "phase",
  "spawn",
  "boot",
  "timer",
  "recv",
  "drop",
  "sync",
  "crash",
  "retire",
  "fault",
  "at",
  "violation",
  "failure",
]);

/** The Trace port in simulation: lines go to the kernel's recorder and to the checkers. */
export class SimTrace implements Trace {
  constructor(
    private readonly kernel: Kernel,
    private readonly subject: string,
  ) {}

  get enabled(): boolean {
    return this.kernel.recording;
  }

  record(kind: string, detail = "", data?: unknown): void {
    if (KERNEL_KINDS.has(kind) || kind.length === 0 || /\s/.test(kind))
      throw new RangeError(`trace kind must be one word and not a kernel kind (${[...KERNEL_KINDS].join(", ")}), got "${kind}"`);
    if (this.kernel.recording) this.kernel.emit(kind, this.subject, detail, data);
  }

  scoped(subject: string): Trace {
    return new SimTrace(this.kernel, subject);
  }
}
