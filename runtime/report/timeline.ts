/**
 * The report's timeline: lanes of segments and marks, built from the `emulate --json` result and
 * the run's trace. The result says what happened to each resource (failovers, revocations,
 * restores, invariants); the trace adds when faults began and ended and when instances changed
 * status, which the result does not carry.
 *
 * What is read from the trace (see runtime/sim/trace-recorder.ts for the line format):
 * - `fault world <what> <target…> begin|end` → a segment on the lane of the fault's target (a zone);
 * - `<kind> <subject> status=<s> …` → status segments on the subject's lane (anything but
 *   `available` is drawn as an outage).
 * Lines of other kinds are ignored, so a component's new domain events never break the report.
 */
import type { EmulationResult } from "../contract/emulation-result";

export type SegmentKind = "fault" | "outage" | "status" | "role" | "detection" | "promotion" | "client-outage" | "notice";
export type MarkKind = "failover" | "repair" | "reclaim" | "launch" | "restore" | "violation";

export interface Segment {
  readonly fromMs: number;
  readonly toMs: number;
  readonly kind: SegmentKind;
  readonly label: string;
}

export interface Mark {
  readonly atMs: number;
  readonly kind: MarkKind;
  readonly label: string;
}

export interface Lane {
  readonly id: string;
  readonly label: string;
  /** Zones first, then the resources with failovers, pools, restores, then instances. */
  readonly group: "zone" | "resource" | "pool" | "restore" | "instance" | "invariants";
  readonly segments: readonly Segment[];
  readonly marks: readonly Mark[];
}

export interface Timeline {
  readonly endMs: number;
  readonly lanes: readonly Lane[];
}

const FAULT_LINE = /^(\d+) \d+ fault world (\S+) (.*) (begin|end)$/;
const STATUS_LINE = /^(\d+) \d+ [a-z][\w-]* (\S+) status=(\S+)/;

/** Builds the timeline of one run; `traceLines` may be empty (then only the result is drawn). */
export function buildTimeline(result: EmulationResult, traceLines: readonly string[]): Timeline {
  const endMs = Math.max(1, result.virtualDurationMs);
  const zones = new LaneSet("zone");
  const instances = new LaneSet("instance");
  const open = new Map<string, { atMs: number; what: string; lane: string }>();
  const status = new Map<string, { atMs: number; status: string }>();

  for (const line of traceLines) {
    const fault = FAULT_LINE.exec(line);
    if (fault) {
      const [, at, what, target, edge] = fault as unknown as [string, string, string, string, string];
      const lane = faultLane(target);
      const key = `${what} ${target}`;
      if (edge === "begin") open.set(key, { atMs: Number(at), what, lane });
      else {
        const began = open.get(key);
        open.delete(key);
        if (began) zones.segment(lane, { fromMs: began.atMs, toMs: Number(at), kind: "fault", label: `${what} ${target}` });
      }
      continue;
    }
    const st = STATUS_LINE.exec(line);
    if (st) {
      const [, at, subject, next] = st as unknown as [string, string, string, string];
      const prev = status.get(subject);
      if (prev && prev.status !== "available")
        instances.segment(subject, { fromMs: prev.atMs, toMs: Number(at), kind: "outage", label: prev.status });
      else instances.touch(subject);
      status.set(subject, { atMs: Number(at), status: next });
    }
  }
  for (const f of open.values()) zones.segment(f.lane, { fromMs: f.atMs, toMs: endMs, kind: "fault", label: `${f.what} (until the end)` });
  for (const [subject, s] of status)
    if (s.status !== "available") instances.segment(subject, { fromMs: s.atMs, toMs: endMs, kind: "outage", label: s.status });

  const resources = new LaneSet("resource");
  const zoneFaults = zones.lanes();
  for (const f of result.failovers) {
    const lostAtMs = lostAt(f.fromAz, f.detectedAtMs, zoneFaults);
    resources.segment(f.resource, { fromMs: 0, toMs: f.completedAtMs, kind: "role", label: `writer in ${f.fromAz}` });
    resources.segment(f.resource, { fromMs: f.completedAtMs, toMs: endMs, kind: "role", label: `writer in ${f.toAz}` });
    resources.segment(f.resource, { fromMs: lostAtMs, toMs: f.detectedAtMs, kind: "detection", label: "detection" });
    resources.segment(f.resource, { fromMs: f.detectedAtMs, toMs: f.completedAtMs, kind: "promotion", label: "promotion" });
    resources.segment(f.resource, {
      fromMs: lostAtMs,
      toMs: lostAtMs + f.clientOutageMs,
      kind: "client-outage",
      label: `client-visible outage ${(f.clientOutageMs / 1000).toFixed(1)} s`,
    });
    resources.mark(f.resource, { atMs: f.completedAtMs, kind: "failover", label: `failover ${f.fromAz} → ${f.toAz}` });
    if (f.repairedWith)
      resources.mark(f.resource, { atMs: f.repairedWith.atMs, kind: "repair", label: `re-paired in ${f.repairedWith.az}` });
  }

  const pools = new LaneSet("pool");
  for (const r of result.revocations) {
    const id = `${r.pool} (${r.az})`;
    pools.segment(id, { fromMs: r.noticeAtMs, toMs: r.reclaimedAtMs, kind: "notice", label: `notice to ${r.leases} lease(s)` });
    pools.mark(id, { atMs: r.reclaimedAtMs, kind: "reclaim", label: "capacity reclaimed" });
    if (r.customerLaunchedAtMs !== null)
      pools.mark(id, { atMs: r.customerLaunchedAtMs, kind: "launch", label: "customer capacity launched" });
  }

  const restores = new LaneSet("restore");
  for (const r of result.restores)
    restores.mark(r.target, {
      atMs: r.pointMs,
      kind: "restore",
      label: `${r.kind} of ${r.source} at this point, ${r.verified ? "verified" : "NOT verified"}`,
    });

  const invariants = new LaneSet("invariants");
  for (const i of result.invariants)
    if (i.firstViolation)
      invariants.mark("invariants", { atMs: i.firstViolation.atMs, kind: "violation", label: `${i.id}: ${i.firstViolation.message}` });

  return {
    endMs,
    lanes: [...zoneFaults, ...resources.lanes(), ...pools.lanes(), ...restores.lanes(), ...instances.lanes(), ...invariants.lanes()],
  };
}

/** `zone:us-east-1a` → `us-east-1a`; `zones:a,b callers:all 100%` → `a,b`. */
function faultLane(target: string): string {
  const first = target.split(" ")[0] as string;
  const colon = first.indexOf(":");
  return colon >= 0 ? first.slice(colon + 1) : first;
}

/** When clients lost the writer: the last fault in the old zone that began by detection, else detection. */
export function lostAt(az: string, detectedAtMs: number, zoneLanes: readonly Lane[]): number {
  const begins = zoneLanes
    .filter((l) => l.id.split(",").includes(az))
    .flatMap((l) => l.segments.map((s) => s.fromMs))
    .filter((t) => t <= detectedAtMs);
  return begins.length ? Math.max(...begins) : detectedAtMs;
}

class LaneSet {
  private readonly byId = new Map<string, { segments: Segment[]; marks: Mark[] }>();
  constructor(private readonly group: Lane["group"]) {}

  touch(id: string): { segments: Segment[]; marks: Mark[] } {
    let lane = this.byId.get(id);
    if (!lane) {
      lane = { segments: [], marks: [] };
      this.byId.set(id, lane);
    }
    return lane;
  }
  segment(id: string, s: Segment): void {
    this.touch(id).segments.push(s);
  }
  mark(id: string, m: Mark): void {
    this.touch(id).marks.push(m);
  }
  lanes(): Lane[] {
    return [...this.byId].map(([id, l]) => ({ id, label: id, group: this.group, segments: l.segments, marks: l.marks }));
  }
}
