/**
 * What the recovery engine needs from wherever processes run: the simulator (`sim-host.ts`, every
 * process a state machine on the virtual clock) or real worker threads (`real-host.ts`). The engine
 * decides; the host executes. A host reports a fault by writing the process's mailbox (the pipe)
 * and calling the engine's `onMailbox` from outside the faulting process (the cleanup thread).
 */
import type { Handle } from "./access";
import type { FaultKind } from "./errors";
import type { JobSpec } from "./workload";

/**
 * When an injected fault fires (`injectFault`). `afterCommit`: the process first completes a
 * whole update of the result cache (elevate → write {@link COMMITTED_ENTRY} → commit → lower),
 * then faults — a crash right after privilege is lowered.
 */
export type FaultPoint = "now" | { readonly afterArenaWrites: number } | { readonly whileElevated: true } | { readonly afterCommit: true };

export interface FaultSpec {
  readonly group: string;
  readonly role: "leader" | "compute";
  /** Which compute process (ignored for the leader); default 0. */
  readonly index?: number;
  readonly kind: FaultKind;
  /** Default `now`: the process's next step. */
  readonly at?: FaultPoint;
  /**
   * For `protection-fault`: the handle the illegal access goes through (a smuggled handle to another
   * group's object); default a write to a public object without elevation.
   */
  readonly via?: Handle;
  /** `read` or `write` through `via`; default `write`. */
  readonly access?: "read" | "write";
}

/** A job as one process sees it. */
export interface JobOrder {
  readonly jobId: number;
  readonly spec: JobSpec;
  /** Compute part number and number of parts (leader: ignored). */
  readonly part: number;
  readonly parts: number;
}

/**
 * What a host saw happen to its processes, told as it happens: the checkers' evidence of faults,
 * kills and starts that does not pass through the recovery engine's decisions or its log.
 */
export interface HostWitness {
  /**
   * A process's handler reported a fault; `elevated`: the process held elevated privilege (a grant
   * or a public lock) at that instant, as the host read the process and lock tables.
   */
  faulted(pid: number, kind: FaultKind, elevated: boolean): void;
  /** The host was told to kill the process (SIGKILL). */
  killed(pid: number): void;
  /** A new incarnation starts in the slot. */
  spawned(pid: number): void;
}

export interface ProcessHost {
  /** Starts a new incarnation in slot `pid`; `ready` once it takes work. */
  spawn(pid: number, ready: () => void): void;
  /** SIGKILL: the process stops wherever it is; `done` once it is gone. Idempotent. */
  kill(pid: number, done: () => void): void;
  /** A compute process's share of a job; `done` with the handle of its partial sum. */
  runPart(pid: number, order: JobOrder, done: (partial: Handle) => void): void;
  /** The leader reads the partials from the arena and combines them. */
  combine(pid: number, order: JobOrder, partials: readonly Handle[], done: (sum: number) => void): void;
  /**
   * `cmdAbort` reached a process that is kept: it drops the job and goes idle; `done` once it will
   * not touch the job's objects again (the arena is returned only after that).
   */
  stop(pid: number, done: () => void): void;
  /** Arms a fault in the process. */
  arm(pid: number, fault: FaultSpec): void;
}
