/**
 * What a FailoverDrill does, as named factories (one per FIS scenario the package supports). Each
 * returns plain data; the drill turns it into actions, targets and the IAM statements they need.
 */
import type { MultiAzDatabase } from "../database/multi-az-database";

export interface AzPowerInterruptionOptions {
  /** The zone that loses power, e.g. `us-east-1a`. Usually the writer's zone. */
  readonly availabilityZone: string;
  /**
   * Databases the drill fails over (Aurora and Multi-AZ DB clusters whose writer is in the zone) or
   * interrupts (ElastiCache). Targeted by ARN, so the drill touches nothing else.
   * @default - no database action: only the zone's subnets lose connectivity
   */
  readonly databases?: readonly MultiAzDatabase[];
  /**
   * How long the zone is out.
   * @default 30 - FIS's "AZ Availability: Power Interruption" scenario lasts 30 minutes
   */
  readonly durationMinutes?: number;
  /**
   * IAM roles whose EC2 launches in the zone fail with InsufficientInstanceCapacity for the outage
   * plus 30 minutes of recovery (`aws:ec2:api-insufficient-instance-capacity-error`).
   * @default - launches are not disturbed
   */
  readonly launchRoleArns?: readonly string[];
}

export interface SpotInterruptionOptions {
  /**
   * Tags that select the spot instances to interrupt.
   * @default - `{ "resilience:role": "contingency" }`, the pool a ContingencyCapacity leases out
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * How many of the tagged instances to interrupt.
   * @default 1
   */
  readonly count?: number;
  /**
   * Time from the interruption warning to the reclaim (FIS `durationBeforeInterruption`, 2–15 minutes).
   * @default 2 - AWS's spot interruption notice is two minutes
   */
  readonly noticeMinutes?: number;
}

export type DrillScenarioSpec =
  | ({ readonly kind: "az-power-interruption" } & AzPowerInterruptionOptions)
  | { readonly kind: "database-failover"; readonly database: MultiAzDatabase }
  | ({ readonly kind: "spot-interruption" } & SpotInterruptionOptions);

/** The scenarios a FailoverDrill can run. */
export const DrillScenario = {
  /** FIS "AZ Availability: Power Interruption": the zone's subnets go dark, its databases fail over. */
  azPowerInterruption: (options: AzPowerInterruptionOptions): DrillScenarioSpec => ({ kind: "az-power-interruption", ...options }),
  /** One database fails over to its standby (`aws:rds:failover-db-cluster`, or ElastiCache's AZ power interruption). */
  databaseFailover: (database: MultiAzDatabase): DrillScenarioSpec => ({ kind: "database-failover", database }),
  /** Spot instances get the interruption warning, then are reclaimed (`aws:ec2:send-spot-instance-interruptions`). */
  spotInterruption: (options: SpotInterruptionOptions = {}): DrillScenarioSpec => ({ kind: "spot-interruption", ...options }),
} as const;
