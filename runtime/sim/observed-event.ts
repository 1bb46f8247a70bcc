/**
 * What checkers are fed: every kernel event (a delivery, a crash, a fault) and every domain event a
 * component records, in trace order. The same fields as the trace line, plus `data`, which the
 * recorder passes through untouched (for a delivery: `{ from, message }`).
 */
export interface ObservedEvent {
  /** Number of the kernel event being processed. */
  readonly step: number;
  /** Virtual time, integer milliseconds. */
  readonly atMs: number;
  /** `recv`, `crash`, `fault`, … or a domain kind such as `elected`. */
  readonly kind: string;
  /** The actor or component the event is about. */
  readonly subject: string;
  /** The rest of the trace line. */
  readonly detail: string;
  /** Structured payload, when the emitter gave one. */
  readonly data: unknown;
}
