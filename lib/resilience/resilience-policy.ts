import { TAG } from "../contract/plan-contract";
import type { MultiAzDatabase } from "../database/multi-az-database";
import { Construct, ResiliencehubResiliencyPolicy, type TerraformResource } from "../private/cdktf";
import { defaultIdentifier } from "../private/defaults";
import { parseProps } from "../private/props";
import { type DataLocationConstraint, type ResilienceTier, resiliencePolicySchema } from "./resilience-policy-schema";

/** Targets for one disruption type, as Go durations of whole seconds (`'30s'`, `'5m'`, `'1h'`). */
export interface RecoveryObjectiveProps {
  /** Recovery time objective: how long clients may be cut off, e.g. `'1m'`. */
  readonly rto: string;
  /** Recovery point objective: how much acknowledged data may be lost, as time, e.g. `'0s'`. */
  readonly rpo: string;
}

export interface ResiliencePolicyProps {
  /**
   * The policy's name in Resilience Hub, and the value of the `resilience:policy` tag on the
   * databases it governs. 2–60 letters, digits, `_` or `-`, starting with a letter or digit.
   * @default - derived from the construct path
   */
  readonly policyName?: string;
  /** Resilience Hub's tier, from `'MissionCritical'` to `'NonCritical'` (or `'NotApplicable'`). */
  readonly tier: ResilienceTier;
  /** A software fault: the engine process crashes (measured by `assess` with `writer-crash`). */
  readonly software: RecoveryObjectiveProps;
  /** A hardware fault: one instance's host or storage (measured with `disk-stall`). */
  readonly hardware: RecoveryObjectiveProps;
  /** The loss of an Availability Zone (measured with `az-outage` on the writer's zone). */
  readonly az: RecoveryObjectiveProps;
  /**
   * The loss of a region. `assess` reports it as not assessable (a single-region plan has nowhere
   * to recover to; the emulator does not model a region's loss).
   * @default - no region target
   */
  readonly region?: RecoveryObjectiveProps;
  /** @default - none */
  readonly description?: string;
  /**
   * Where Resilience Hub may keep the policy's data.
   * @default - Resilience Hub's default (`AnyLocation`)
   */
  readonly dataLocationConstraint?: DataLocationConstraint;
  /**
   * The databases this policy governs: each gets the `resilience:policy` tag naming it. More can
   * be added with {@link ResiliencePolicy.govern}.
   * @default - none yet
   */
  readonly databases?: readonly MultiAzDatabase[];
  /** @default - only the `resilience:` tags */
  readonly tags?: Readonly<Record<string, string>>;
}

const BRAND = Symbol.for("cdktf-resilience.ResiliencePolicy");

/**
 * Recovery objectives in AWS Resilience Hub's own shape: an `aws_resiliencehub_resiliency_policy`
 * (tier, RTO and RPO per disruption type) the team can later hand to Resilience Hub, and the
 * `resilience:policy` tag on each database it governs, so `cdktf-resilience assess` can measure
 * those targets before anything is deployed.
 */
export class ResiliencePolicy extends Construct {
  static isResiliencePolicy(x: unknown): x is ResiliencePolicy {
    return typeof x === "object" && x !== null && BRAND in x;
  }

  /** The `aws_resiliencehub_resiliency_policy`. */
  readonly resource: ResiliencehubResiliencyPolicy;
  /** The name databases' `resilience:policy` tags carry. */
  readonly policyName: string;
  private readonly governed = new Set<MultiAzDatabase>();

  constructor(scope: Construct, id: string, props: ResiliencePolicyProps) {
    super(scope, id);
    Object.defineProperty(this, BRAND, { value: true });
    const parsed = parseProps(resiliencePolicySchema(), "ResiliencePolicy", this.node.path, props) as ResiliencePolicyProps;
    const pathParts = this.node.scopes.slice(1).map((s) => s.node.id);
    this.policyName = parsed.policyName ?? defaultIdentifier(pathParts, this.node.addr, 60);
    const objective = (o: RecoveryObjectiveProps) => ({ rto: o.rto, rpo: o.rpo });
    this.resource = new ResiliencehubResiliencyPolicy(this, "Resource", {
      name: this.policyName,
      tier: parsed.tier,
      ...(parsed.description !== undefined ? { description: parsed.description } : {}),
      ...(parsed.dataLocationConstraint !== undefined ? { dataLocationConstraint: parsed.dataLocationConstraint } : {}),
      policy: [
        {
          softwareAttribute: [objective(parsed.software)],
          hardware: [objective(parsed.hardware)],
          az: [objective(parsed.az)],
          ...(parsed.region ? { region: [objective(parsed.region)] } : {}),
        },
      ],
      tags: { ...parsed.tags, [TAG.topology]: pathParts.slice(1).join("/") || id },
    });
    for (const db of parsed.databases ?? []) this.govern(db);
  }

  /** Tags `database` with this policy's name, so `assess` holds it to these targets. */
  govern(database: MultiAzDatabase): this {
    if (this.governed.has(database)) return this;
    this.governed.add(database);
    primaryResource(database).addOverride(`tags.${TAG.policy}`, this.policyName);
    return this;
  }

  /** The databases this policy governs, in the order they were added. */
  get databases(): readonly MultiAzDatabase[] {
    return [...this.governed];
  }
}

/** The resource whose tags name the database's policy: the one the runtime reads the database from. */
function primaryResource(db: MultiAzDatabase): TerraformResource {
  const r = db.resources;
  return r.kind === "elasticache" ? r.replicationGroup : r.cluster;
}
