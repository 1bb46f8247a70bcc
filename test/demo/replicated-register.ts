/**
 * A tiny system to prove the kernel and its checkers: a register replicated on three replicas (one
 * per zone) with a leader, a Raft whose log is a counter. A write bumps the version; the leader
 * acknowledges version v once a majority holds v durably in its term. Elections prefer the most
 * up-to-date candidate, so an acknowledged version survives any minority of failures.
 *
 * `plantedBug: "ack-before-majority"` acknowledges as soon as the leader's own disk has the write:
 * an isolated or crashed leader then loses acknowledged writes, which the checkers must catch.
 */
import type { ActorBehavior, ActorContext, Disk, Env, TimerHandle } from "../../runtime/sim";
import { type DurableState, encodeState, loadState, STATE_GEOMETRY } from "./register-state";

export type RegisterMessage =
  | { readonly type: "write" }
  | { readonly type: "ack"; readonly term: number; readonly version: number }
  | { readonly type: "redirect"; readonly leader: string | null }
  | { readonly type: "append"; readonly term: number; readonly version: number }
  | { readonly type: "appended"; readonly term: number; readonly versionTerm: number; readonly version: number }
  | { readonly type: "vote-request"; readonly term: number; readonly versionTerm: number; readonly version: number }
  | { readonly type: "vote"; readonly term: number; readonly granted: boolean };

export interface RegisterOptions {
  /** Replica zones; one replica per zone. */
  readonly zones: readonly string[];
  /** Leader heartbeat period. */
  readonly heartbeatMs: number;
  /** Election timeout range (a follower that hears no leader for this long stands). */
  readonly electionTimeoutMsMin: number;
  readonly electionTimeoutMsMax: number;
  /** How often the client writes. */
  readonly writeEveryMs: number;
  /** A deliberate bug the checkers must find. */
  readonly plantedBug?: "ack-before-majority";
}

export const REGISTER_DEFAULTS: RegisterOptions = {
  zones: ["us-east-1a", "us-east-1b", "us-east-1c"],
  heartbeatMs: 50,
  electionTimeoutMsMin: 150,
  electionTimeoutMsMax: 300,
  writeEveryMs: 100,
};

/** Replica names `r0`, `r1`, …; the client is `client` in zone `clients`. */
export function spawnRegister(env: Env, options: RegisterOptions = REGISTER_DEFAULTS): { replicas: string[]; client: string } {
  const replicas = options.zones.map((_, i) => `r${i}`);
  options.zones.forEach((zone, i) => {
    env.spawn<RegisterMessage>(replicas[i] as string, { zone, boot: (ctx) => new Replica(ctx, i, replicas, options) });
  });
  env.spawn<RegisterMessage>("client", { zone: "clients", boot: (ctx) => new Client(ctx, replicas, options) });
  return { replicas, client: "client" };
}

type Role = "follower" | "candidate" | "leader";

class Replica implements ActorBehavior<RegisterMessage> {
  private state: DurableState;
  private seq: number;
  private role: Role = "follower";
  private leader: string | null = null;
  private votes = new Set<string>();
  private readonly match = new Map<string, number>();
  private pendingAcks: { version: number; client: string }[] = [];
  private electionTimer: TimerHandle | undefined;
  private heartbeat: TimerHandle | undefined;
  private readonly disk: Disk;
  private writing = false;
  private waiting: ((durable: DurableState) => void)[] = [];
  private readonly majority: number;
  private readonly name: string;

  constructor(
    private readonly ctx: ActorContext<RegisterMessage>,
    private readonly index: number,
    private readonly peers: readonly string[],
    private readonly options: RegisterOptions,
  ) {
    this.name = ctx.self.name;
    this.disk = ctx.disk("state", STATE_GEOMETRY);
    ({ state: this.state, seq: this.seq } = loadState(this.disk));
    this.majority = Math.floor(peers.length / 2) + 1;
    this.armElection();
  }

  receive(m: RegisterMessage, from: string): void {
    switch (m.type) {
      case "write":
        this.onWrite(from);
        break;
      case "append":
        this.onAppend(m.term, m.version, from);
        break;
      case "appended":
        this.onAppended(m.term, m.versionTerm, m.version, from);
        break;
      case "vote-request":
        this.onVoteRequest(m.term, m.versionTerm, m.version, from);
        break;
      case "vote":
        this.onVote(m.term, m.granted, from);
        break;
    }
  }

  private onWrite(client: string): void {
    if (this.role !== "leader") {
      this.ctx.network.send(client, { type: "redirect", leader: this.leader });
      return;
    }
    const version = this.state.version + 1;
    this.state = { ...this.state, version, versionTerm: this.state.term };
    this.pendingAcks.push({ version, client });
    this.persist((durable) => {
      this.match.set(this.name, durable.versionTerm === this.state.term ? durable.version : 0);
      if (this.options.plantedBug === "ack-before-majority") this.ackUpTo(durable.version);
      else this.commit();
    });
    this.broadcastAppend();
  }

  private onAppend(term: number, version: number, leader: string): void {
    if (term < this.state.term) {
      this.ctx.network.send(leader, { type: "appended", term: this.state.term, versionTerm: 0, version: 0 });
      return;
    }
    if (term > this.state.term || this.role !== "follower") this.becomeFollower(term);
    this.leader = leader;
    this.armElection();
    const s = this.state;
    const next = term > s.versionTerm ? version : Math.max(s.version, version);
    if (next === s.version && term === s.versionTerm) {
      this.ctx.network.send(leader, { type: "appended", term, versionTerm: s.versionTerm, version: s.version });
      return;
    }
    this.state = { ...s, version: next, versionTerm: term };
    this.persist((durable) =>
      this.ctx.network.send(leader, { type: "appended", term, versionTerm: durable.versionTerm, version: durable.version }),
    );
  }

  private onAppended(term: number, versionTerm: number, version: number, from: string): void {
    if (term > this.state.term) {
      this.becomeFollower(term);
      return;
    }
    if (this.role !== "leader" || versionTerm !== this.state.term) return;
    this.match.set(from, Math.max(this.match.get(from) ?? 0, version));
    if (this.options.plantedBug !== "ack-before-majority") this.commit();
  }

  private onVoteRequest(term: number, versionTerm: number, version: number, candidate: string): void {
    if (term > this.state.term) this.becomeFollower(term);
    const s = this.state;
    const candidateIndex = this.peers.indexOf(candidate);
    const upToDate = versionTerm > s.versionTerm || (versionTerm === s.versionTerm && version >= s.version);
    if (term < s.term || !upToDate || (s.votedFor !== -1 && s.votedFor !== candidateIndex)) {
      this.ctx.network.send(candidate, { type: "vote", term: s.term, granted: false });
      return;
    }
    this.state = { ...s, votedFor: candidateIndex };
    this.armElection();
    this.persist(() => this.ctx.network.send(candidate, { type: "vote", term, granted: true }));
  }

  private onVote(term: number, granted: boolean, from: string): void {
    if (term > this.state.term) {
      this.becomeFollower(term);
      return;
    }
    if (this.role !== "candidate" || term !== this.state.term || !granted) return;
    this.votes.add(from);
    if (this.votes.size >= this.majority) this.becomeLeader();
  }

  private standForElection(): void {
    if (this.role === "leader") return;
    const term = this.state.term + 1;
    this.role = "candidate";
    this.leader = null;
    this.votes = new Set([this.name]);
    this.state = { ...this.state, term, votedFor: this.index };
    this.armElection();
    this.persist(() => {
      if (this.role !== "candidate" || this.state.term !== term) return;
      const { versionTerm, version } = this.state;
      for (const p of this.peers) if (p !== this.name) this.ctx.network.send(p, { type: "vote-request", term, versionTerm, version });
    });
  }

  private becomeLeader(): void {
    this.role = "leader";
    this.leader = this.name;
    this.electionTimer?.cancel();
    this.match.clear();
    this.pendingAcks = [];
    const { term, version } = this.state;
    this.ctx.trace.record("elected", `term=${term} version=${version}`, { term, version });
    this.broadcastAppend();
    this.heartbeat = this.ctx.timers.every(
      this.options.heartbeatMs,
      "heartbeat",
      () => {
        // A rare path: a leader that stalls long enough to provoke an election.
        if (this.ctx.buggify("leader-skips-heartbeat")) return;
        this.broadcastAppend();
      },
      { background: true },
    );
  }

  private becomeFollower(term: number): void {
    if (this.role === "leader") this.ctx.sometimes("leader stepped down on a higher term");
    this.role = "follower";
    this.heartbeat?.cancel();
    this.pendingAcks = [];
    if (term > this.state.term) {
      this.state = { ...this.state, term, votedFor: -1 };
      this.persist(() => {});
    }
    this.armElection();
  }

  private broadcastAppend(): void {
    const { term, version } = this.state;
    for (const p of this.peers) if (p !== this.name) this.ctx.network.send(p, { type: "append", term, version });
  }

  /** Acknowledges every pending write that a majority holds durably in this term. */
  private commit(): void {
    const held = [...this.match.values()].sort((a, b) => b - a);
    this.ackUpTo(held[this.majority - 1] ?? 0);
  }

  private ackUpTo(version: number): void {
    const { term } = this.state;
    this.pendingAcks = this.pendingAcks.filter((p) => {
      if (p.version > version) return true;
      this.ctx.network.send(p.client, { type: "ack", term, version: p.version });
      return false;
    });
  }

  private armElection(): void {
    this.electionTimer?.cancel();
    const o = this.options;
    this.electionTimer = this.ctx.timers.after(
      this.ctx.random.between(o.electionTimeoutMsMin, o.electionTimeoutMsMax),
      "election-timeout",
      () => this.standForElection(),
    );
  }

  /** One write in flight at a time; callbacks learn the state that became durable. */
  private persist(onDurable: (durable: DurableState) => void): void {
    this.waiting.push(onDurable);
    if (!this.writing) this.flush();
  }

  private flush(): void {
    const batch = this.waiting;
    this.waiting = [];
    const snapshot = this.state;
    this.seq++;
    this.disk.write(this.seq % 2, encodeState(snapshot, this.seq));
    this.writing = true;
    this.disk.sync(() => {
      this.writing = false;
      for (const cb of batch) cb(snapshot);
      if (this.waiting.length > 0) this.flush();
    });
  }
}

class Client implements ActorBehavior<RegisterMessage> {
  private target: string;
  private lastAckMs = 0;

  constructor(
    private readonly ctx: ActorContext<RegisterMessage>,
    private readonly replicas: readonly string[],
    options: RegisterOptions,
  ) {
    this.target = replicas[0] as string;
    ctx.timers.every(options.writeEveryMs, "write", () => {
      // No answer for a while: the guess is stale, try another replica.
      if (ctx.clock.nowMs() - this.lastAckMs > 5 * options.writeEveryMs) {
        this.target = ctx.random.pick(this.replicas);
        this.lastAckMs = ctx.clock.nowMs();
      }
      ctx.network.send(this.target, { type: "write" });
    });
  }

  receive(m: RegisterMessage): void {
    if (m.type === "ack") {
      this.lastAckMs = this.ctx.clock.nowMs();
      this.ctx.trace.record("acked", `term=${m.term} version=${m.version}`, { term: m.term, version: m.version });
    } else if (m.type === "redirect" && m.leader !== null) this.target = m.leader;
  }
}
