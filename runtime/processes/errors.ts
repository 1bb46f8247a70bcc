/**
 * The three abnormal execution conditions a process can hit, plus the error a client sees when its
 * job is aborted. A `ProtectionFault` is our SIGSEGV: the checked accessor raises it in the process
 * that made the illegal access, never in the owner of the page.
 */

/** The three conditions first; `unexpected-exit` is the extension for a worker that dies without its handler. */
export type FaultKind = "protection-fault" | "uncaught-exception" | "assertion" | "unexpected-exit";

export type ProtectionReason = "foreign-arena" | "public-read-only" | "stale-handle" | "out-of-bounds";

export class ProtectionFault extends Error {
  override readonly name = "ProtectionFault";
  constructor(
    readonly reason: ProtectionReason,
    readonly pid: number,
    readonly page: number,
    detail: string,
  ) {
    super(`protection fault (${reason}) in process ${pid} at page ${page}: ${detail}`);
  }
}

/** What the stub "third-party" library throws when one of its assertions fails. */
export class ThirdPartyAssertionError extends Error {
  override readonly name = "ThirdPartyAssertionError";
}

/** `host-lost`: the host under the group is gone (its zone failed); every process died with it. */
export type AbortReason = "group-fault" | "app-restart" | "host-lost";

/** A job is aborted, never re-run (recovery does not retry); the client may submit again. */
export class JobAbortedError extends Error {
  override readonly name = "JobAbortedError";
  readonly retryable = true as const;
  constructor(
    readonly jobId: number,
    readonly reason: AbortReason,
    readonly groupId: string,
    readonly faultKind: FaultKind,
    readonly faultingRole: "leader" | "compute",
  ) {
    super(
      reason === "host-lost"
        ? `job ${jobId} on group ${groupId} was aborted (host-lost): the host under the group is gone. Fix: submit the job again to a group on a host that is up`
        : `job ${jobId} on group ${groupId} was aborted (${reason}): its ${faultingRole} process hit ${faultKind}. Fix: submit the job again; ${
            reason === "app-restart" ? "the application restarted" : "the group has recovered"
          }`,
    );
  }
}

/** Which fault kind an exception caught by a process's trap stands for. */
export function faultKindOf(error: unknown): FaultKind {
  if (error instanceof ProtectionFault) return "protection-fault";
  if (error instanceof ThirdPartyAssertionError) return "assertion";
  return "uncaught-exception";
}
