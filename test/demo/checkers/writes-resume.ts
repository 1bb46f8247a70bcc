import type { Checker } from "../../../runtime/sim";

/** Liveness: once faults stop, the client gets writes acknowledged again. */
export function writesResume(): Checker {
  let quietSinceMs: number | undefined;
  let lastAckMs = -1;
  return {
    id: "writes-resume",
    onEvent(e) {
      if (e.kind === "phase" && e.detail === "quiet") quietSinceMs = e.atMs;
      if (e.kind === "acked") lastAckMs = e.atMs;
      return undefined;
    },
    atEnd() {
      if (quietSinceMs === undefined) return "pending: the run ended without a quiet phase";
      return lastAckMs > quietSinceMs
        ? undefined
        : `pending: no write acknowledged since the quiet phase began at ${quietSinceMs} ms (last ack at ${lastAckMs} ms)`;
    },
  };
}
