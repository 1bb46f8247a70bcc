/**
 * The emulation registry: the named scenarios an `emulate` run may choose, and the components that
 * attach to every run. Later subsystems register themselves here (see `default-registry.ts`).
 *
 * Contract:
 * - A **component** (`registerComponent`) attaches to every run before the scenario is scheduled:
 *   it spawns its actors on `ctx.env` (binding them to cloud resources with `ctx.cloud.bindings`
 *   where faults should reach them), registers its checkers on `ctx.sim.checkers`, and adds its
 *   result sections with `ctx.contribute(...)`. Components attach in registration order; a
 *   component must draw randomness only from its own fork of `ctx.env.random` so adding one never
 *   shifts another's draws.
 * - A **scenario** (`registerScenario`) builds an FIS experiment template for the plan at hand;
 *   the run starts it at `ctx.startAtMs` (after the profile's lead-in), runs the fault phase until
 *   the experiment's planned end, then the quiet phase. Zonal scenarios strike `ctx.az`.
 * - A **contribution** is read once, after the run finished: arrays of every contributor are
 *   concatenated in attach order; `cache` and `groups` have one contributor at most.
 * - A component attaches only when the plan holds what it models (or the scenario asks for it),
 *   and declares each plan resource it models with `ctx.model(...)`: the run's verdict counts only
 *   what the scenario struck among those. A component that does not run says why with
 *   `ctx.notRun(...)`; the result lists it under `notRun` unless it modelled something after all
 *   (a component may start mid-run, e.g. the buffer cache when the writer first stops).
 */
import type { MockCloud } from "../cloud/mock-cloud";
import type { TimingProfile } from "../cloud/timing-profile";
import type { ResultContribution } from "../contract/emulation-result";
import type { DatabaseKind, Topology } from "../plan/topology";
import type { SimEnv, Simulation } from "../sim/simulation";
import type { ExperimentTemplate } from "./experiment";

/** What a component or scenario sees of a run. */
export interface EmulationContext {
  readonly seed: number;
  /** The scenario's name, as reported in the result. */
  readonly scenario: string;
  readonly profile: TimingProfile;
  readonly sim: Simulation;
  readonly env: SimEnv;
  readonly topology: Topology;
  readonly cloud: MockCloud;
  /** The mock's id of each plan resource, by Terraform address. */
  readonly ids: ReadonlyMap<string, string>;
  /** The zone zonal scenarios strike: `--az`, else the zone of the first writer (coordinator). */
  readonly az: string;
  /**
   * The database a scenario that strikes one database strikes (`--database`, a Terraform address of
   * the plan's databases); absent: the scenario's own choice (the first cluster that has a writer).
   */
  readonly database?: string;
  /** When the scenario's first action runs (virtual ms). */
  readonly startAtMs: number;
  /**
   * Test-only bug switches by name (`db.noFence`, `cache.skipIntent`…), so a test or a campaign can
   * show the checkers catch a planted bug. Empty in every real run.
   */
  readonly mutants: ReadonlySet<string>;
  /**
   * The experiment the run will start (absent while a scenario builds it). Components read it to
   * attach only when the scenario asks for what they model (e.g. storage, for a template that
   * targets EBS volumes).
   */
  readonly experiment?: ExperimentTemplate;
  /** Adds result sections; `read` runs once, after the run finished. `from` names the contributor. */
  contribute(from: string, read: () => ResultContribution): void;
  /**
   * Declares a plan resource this component models in the run, and where a scenario reaches it.
   * A run whose scenario reaches no declared resource judges nothing: it ends "nothing to emulate"
   * instead of "Every invariant held".
   */
  model(resource: ModelledResource): void;
  /**
   * Says why this component does not run in this run (the plan holds nothing it models, or the
   * scenario does not ask for it), one clause. Shown as "Not run" unless the component models a
   * resource by the end of the run; the last reason given wins.
   */
  notRun(why: string): void;
}

/** A plan resource a component models in one run, and how a scenario reaches it. */
export interface ModelledResource {
  /** The plan resource the model stands for (Terraform address). */
  readonly resource: string;
  /** The component that models it. */
  readonly component: string;
  /** What the component runs for it, one phrase (shown in the result). */
  readonly what: string;
  /** Cloud ids and plan addresses a scenario may target to reach it. */
  readonly ids: readonly string[];
  /** Zones it runs in: a scenario that strikes one of them reaches it. */
  readonly zones: readonly string[];
  /** Scenarios that act on it by name (a component that strikes it itself, e.g. `pitr-restore`). */
  readonly scenarios?: readonly string[];
  /** Cloud resources created during the run that belong to it (e.g. spot instances launched on designated capacity). */
  readonly owns?: (id: string) => boolean;
}

export interface ScenarioDefinition {
  /** One word, e.g. `az-outage`. */
  readonly name: string;
  /** One line: what fails, for how long. */
  readonly description: string;
  /**
   * The engines of the one database it strikes, when `--database` may choose it (`writer-crash`
   * strikes one writer); absent: it strikes a zone or every resource of a kind, and `--database`
   * is refused.
   */
  readonly strikesOneDatabase?: readonly DatabaseKind[];
  /** The experiment to run against this plan; targets resolve when it starts. */
  build(ctx: EmulationContext): ExperimentTemplate;
}

export interface ComponentDefinition {
  /** One word, e.g. `mock-cloud`. */
  readonly name: string;
  readonly description: string;
  attach(ctx: EmulationContext): void;
}

const WORD = /^[a-z0-9][a-z0-9._-]*$/;

export class EmulationRegistry {
  private readonly scenarioMap = new Map<string, ScenarioDefinition>();
  private readonly componentList: ComponentDefinition[] = [];

  registerScenario(def: ScenarioDefinition): this {
    if (!WORD.test(def.name)) throw new RangeError(`scenario names are one lower-case word, got "${def.name}"`);
    if (this.scenarioMap.has(def.name)) throw new RangeError(`a scenario named "${def.name}" is registered; pick another name`);
    this.scenarioMap.set(def.name, def);
    return this;
  }

  registerComponent(def: ComponentDefinition): this {
    if (!WORD.test(def.name)) throw new RangeError(`component names are one lower-case word, got "${def.name}"`);
    if (this.componentList.some((c) => c.name === def.name)) throw new RangeError(`a component named "${def.name}" is registered`);
    this.componentList.push(def);
    return this;
  }

  scenario(name: string): ScenarioDefinition | undefined {
    return this.scenarioMap.get(name);
  }

  /** Scenarios in registration order. */
  scenarios(): readonly ScenarioDefinition[] {
    return [...this.scenarioMap.values()];
  }

  /** Components in attach order. */
  components(): readonly ComponentDefinition[] {
    return [...this.componentList];
  }
}
