import { BUGGIFY_DEFAULTS, type BuggifyOptions, checkBuggifyOptions } from "./buggify";
import { CHAOS_DEFAULTS, type ChaosOptions, checkChaosOptions } from "./chaos";
import { LIMIT_DEFAULTS, type SimLimits } from "./kernel";
import { assertSeed } from "./random";
import { formatRatio, type Ratio } from "./ratio";
import { checkDiskOptions, DISK_DEFAULTS, type DiskOptions } from "./sim-disk";
import { checkNetworkOptions, NETWORK_DEFAULTS, type NetworkOptions } from "./sim-network";
import { TRACE_DEFAULTS, type TraceOptions } from "./trace-recorder";

/** Everything a simulation can be told; every group is optional and falls back to its defaults. */
export interface SimulationOptions {
  /** Root seed: an integer in 0..2^53−1. Every random stream of the run derives from it. */
  readonly seed: number;
  /**
   * Name of the scenario, reported with the seed in failures and results.
   * @default "adhoc"
   */
  readonly scenario?: string;
  /**
   * Latency, loss, duplication and inbox bounds of the network.
   * @default - {@link NETWORK_DEFAULTS}: reliable, 0–1 ms in a zone, 1–2 ms across zones
   */
  readonly network?: Partial<NetworkOptions>;
  /**
   * Sync latency and the power-loss model of every disk.
   * @default - {@link DISK_DEFAULTS}
   */
  readonly disk?: Partial<DiskOptions>;
  /**
   * Random faults during the fault phase.
   * @default - {@link CHAOS_DEFAULTS}: none (only scheduled faults happen)
   */
  readonly chaos?: Partial<ChaosOptions>;
  /**
   * BUGGIFY site activation and firing.
   * @default - {@link BUGGIFY_DEFAULTS}: sites on with 1/4, firing with 1/4
   */
  readonly buggify?: Partial<BuggifyOptions>;
  /**
   * Trace recording, tail length and an optional line sink.
   * @default - {@link TRACE_DEFAULTS}: recorded and hashed, last 50 lines kept
   */
  readonly trace?: Partial<TraceOptions>;
  /**
   * Bounds that turn a runaway run into a `crash` failure.
   * @default - {@link LIMIT_DEFAULTS}
   */
  readonly limits?: Partial<SimLimits>;
  /**
   * End the run at the first violated invariant.
   * @default true - the first violation is the one to debug; later ones are usually consequences
   */
  readonly stopOnViolation?: boolean;
  /**
   * The command printed with a failure to replay the run.
   * @default - `cdktf-resilience replay <plan> --seed <seed> --scenario <scenario>`
   */
  readonly replayCommand?: (seed: number, scenario: string) => string;
  /**
   * How a message reads in `recv`/`drop` trace lines.
   * @default - the message's string `type` field, else the message if it is a string, else its typeof
   */
  readonly describeMessage?: (message: unknown) => string;
}

export interface ResolvedOptions {
  readonly seed: number;
  readonly scenario: string;
  readonly network: NetworkOptions;
  readonly disk: DiskOptions;
  readonly chaos: ChaosOptions;
  readonly buggify: BuggifyOptions;
  readonly trace: TraceOptions;
  readonly limits: SimLimits;
  readonly stopOnViolation: boolean;
  readonly replay: string;
  readonly describeMessage: (message: unknown) => string;
}

/** Applies defaults in one place and validates every knob; throws a RangeError naming a bad one. */
export function resolveOptions(o: SimulationOptions): ResolvedOptions {
  assertSeed(o.seed);
  const scenario = o.scenario ?? "adhoc";
  if (scenario.length === 0 || /\s/.test(scenario)) throw new RangeError(`scenario must be one word, got "${scenario}"`);
  const r: ResolvedOptions = {
    seed: o.seed,
    scenario,
    network: { ...NETWORK_DEFAULTS, ...o.network },
    disk: { ...DISK_DEFAULTS, ...o.disk },
    chaos: { ...CHAOS_DEFAULTS, ...o.chaos },
    buggify: { ...BUGGIFY_DEFAULTS, ...o.buggify },
    trace: { ...TRACE_DEFAULTS, ...o.trace },
    limits: { ...LIMIT_DEFAULTS, ...o.limits },
    stopOnViolation: o.stopOnViolation ?? true,
    replay: (o.replayCommand ?? defaultReplay)(o.seed, scenario),
    describeMessage: o.describeMessage ?? describeByType,
  };
  checkNetworkOptions(r.network);
  checkDiskOptions(r.disk);
  checkChaosOptions(r.chaos);
  checkBuggifyOptions(r.buggify);
  return r;
}

/** `group.knob=value` for every knob that shapes the run, in a fixed order (the trace logs them). */
export function knobLines(r: ResolvedOptions): string[] {
  const lines: string[] = [];
  const groups = { network: r.network, disk: r.disk, chaos: r.chaos, buggify: r.buggify, limits: r.limits };
  for (const [group, values] of Object.entries(groups))
    for (const [k, v] of Object.entries(values)) {
      if (typeof v === "number" || typeof v === "boolean") lines.push(`${group}.${k}=${v}`);
      else if (isRatio(v)) lines.push(`${group}.${k}=${formatRatio(v)}`);
    }
  lines.push(`stopOnViolation=${r.stopOnViolation}`);
  return lines;
}

function isRatio(v: unknown): v is Ratio {
  return typeof v === "object" && v !== null && "numerator" in v && "denominator" in v;
}

function defaultReplay(seed: number, scenario: string): string {
  return `cdktf-resilience replay <plan> --seed ${seed} --scenario ${scenario}`;
}

/** Default message label: `{ type: "vote" }` reads `vote`. */
export function describeByType(message: unknown): string {
  if (typeof message === "string") return message;
  if (typeof message === "object" && message !== null) {
    const type = (message as { type?: unknown }).type;
    if (typeof type === "string") return type;
  }
  return typeof message;
}
