import { type ContingencyDesignation, TAG } from "../contract/plan-contract";
import type { DatabaseSubnet } from "../database/props";
import {
  AutoscalingGroup,
  CloudwatchEventRule,
  CloudwatchEventTarget,
  Construct,
  Ec2CapacityReservation,
  LaunchTemplate,
  SqsQueue,
  SqsQueuePolicy,
  TerraformOutput,
} from "../private/cdktf";
import { isResilienceError, propsInvalid } from "../private/errors";
import { parseProps } from "../private/props";
import { assertSameToolchain } from "../private/same-toolchain";
import { attachRules, evaluateRules } from "../private/validation";
import { contingencyCapacitySchema } from "./contingency-capacity-schema";
import { CAPACITY_RULES } from "./rules";

export type { ContingencyDesignation };

export interface ContingencyCapacityProps {
  /** Where the primary capacity is reserved and runs, e.g. `'us-east-1a'`. */
  readonly primaryAvailabilityZone: string;
  /**
   * Where capacity for a replacement is designated (not reserved). Must be another zone of the
   * same region: the zone a failover moves to when the primary's zone is lost.
   */
  readonly contingencyAvailabilityZone: string;
  /** EC2 instance type of the primary and of its replacement, e.g. `'r6g.large'`. */
  readonly instanceType: string;
  /**
   * Instances reserved in the primary zone (an `aws_ec2_capacity_reservation`, targeted).
   * @default 1
   */
  readonly primaryCount?: number;
  /**
   * Instances designated in the contingency zone. The spot pool never holds more than this, so
   * every lease can be revoked when a failover needs the capacity.
   * @default - `primaryCount`, so a failover keeps the whole capacity
   */
  readonly designatedCount?: number;
  /**
   * How the contingency capacity is designated:
   * - `count`: N instances of the type in the contingency zone, no specific ones (the cheapest; a
   *   failover takes any N, revoking the lowest bids first);
   * - `named`: the instances or Dedicated Hosts listed in `designatedInstances` and no others
   *   (a hardware class, a placement), so a failover revokes leases on those only;
   * - `interruptible-reservation`: AWS's closest product: a targeted capacity reservation of
   *   `designatedCount` in the contingency zone (`ContingencyReservation`), lent out as
   *   interruptible capacity until a failover reclaims it. Lending it is an EC2 API setting the
   *   AWS provider has no argument for; the emulator treats the reservation as reserved-but-lent.
   * @default "count"
   */
  readonly designationMode?: "count" | "named" | "interruptible-reservation";
  /**
   * Named mode only: the designated instance ids (`i-…`) or Dedicated Host ids (`h-…`). Their
   * number is the designated count.
   * @default - none: count or reservation mode
   */
  readonly designatedInstances?: readonly string[];
  /**
   * The lowest hourly price (US dollars per instance-hour) at which the designated capacity is
   * leased out as spot: the spot pool's `spot_max_price`. Below it the capacity stays idle.
   */
  readonly minimumBidPerHour: number;
  /** Subnets of the contingency zone the spot pool (and a replacement) launch in. */
  readonly contingencySubnets: readonly DatabaseSubnet[];
  /**
   * AMI of the spot pool's launch template.
   * @default - none: the template takes the AMI from the launch (set one before `apply`)
   */
  readonly imageId?: string;
  /**
   * Platform of the reservation.
   * @default "Linux/UNIX"
   */
  readonly instancePlatform?: "Linux/UNIX" | "Windows" | "Red Hat Enterprise Linux" | "SUSE Linux";
  /** Tags on every resource. @default - only the `resilience:` tags */
  readonly tags?: Readonly<Record<string, string>>;
}

const BRAND = Symbol.for("cdktf-resilience.ContingencyCapacity");

const INTERRUPTION_DETAIL_TYPES = ["EC2 Spot Instance Interruption Warning", "EC2 Instance Rebalance Recommendation"] as const;

/**
 * Primary capacity reserved in one zone and the capacity for its replacement designated in
 * another, leased out as spot until a failover needs it. Synthesizes:
 * - `aws_ec2_capacity_reservation` (`Resource`) in the primary zone, `targeted`, `unlimited`;
 * - a spot-only Auto Scaling group (`SpotPool`) on the contingency subnets, price-capacity-optimized,
 *   `spot_max_price` = the minimum bid, `max_size` = the designated count, capacity rebalance on,
 *   tagged `resilience:role = contingency` so the runtime knows what it may revoke;
 * - EventBridge rule (`InterruptionRule`) for spot interruption warnings and rebalance
 *   recommendations, delivered to an encrypted SQS queue (`InterruptionQueue`);
 * - the `contingency_designations_<id>` output (mode, counts, named instances). No reservation is
 *   made in the contingency zone — that is what makes the designation cheaper than a second
 *   reservation — except `ContingencyReservation` in interruptible-reservation mode.
 */
export class ContingencyCapacity extends Construct {
  static isContingencyCapacity(x: unknown): x is ContingencyCapacity {
    return typeof x === "object" && x !== null && BRAND in x;
  }

  readonly reservation: Ec2CapacityReservation;
  /** Interruptible-reservation mode: the reservation in the contingency zone that is lent out. */
  readonly contingencyReservation?: Ec2CapacityReservation;
  readonly launchTemplate: LaunchTemplate;
  readonly spotPool: AutoscalingGroup;
  readonly interruptionRule: CloudwatchEventRule;
  readonly interruptionQueue: SqsQueue;
  readonly designation: ContingencyDesignation;

  constructor(scope: Construct, id: string, props: ContingencyCapacityProps) {
    super(scope, id);
    assertSameToolchain("ContingencyCapacity", this);
    Object.defineProperty(this, BRAND, { value: true });
    const parsed = parseAll(this.node.path, props);
    attachRules(this, "ContingencyCapacity", CAPACITY_RULES, () => ({ props: parsed }));

    const name = this.node.path.split("/").slice(1).join("-");
    const primaryCount = parsed.primaryCount ?? 1;
    const mode = parsed.designationMode ?? "count";
    const named = mode === "named" ? parsed.designatedInstances : undefined;
    const designatedCount = named?.length ?? parsed.designatedCount ?? primaryCount;
    const base = { ...parsed.tags, [TAG.topology]: name };

    this.reservation = new Ec2CapacityReservation(this, "Resource", {
      availabilityZone: parsed.primaryAvailabilityZone,
      instanceType: parsed.instanceType,
      instancePlatform: parsed.instancePlatform ?? "Linux/UNIX",
      instanceCount: primaryCount,
      // Targeted: only launches that name it use it, so no stray instance takes the primary's slot.
      instanceMatchCriteria: "targeted",
      endDateType: "unlimited",
      tags: { ...base, [TAG.role]: "primary-capacity", Name: `${name}-primary` },
    });

    if (mode === "interruptible-reservation")
      // The one reservation allowed in the contingency zone: reserved, then lent out as
      // interruptible capacity, so a failover needs no free capacity in the zone, only a reclaim.
      this.contingencyReservation = new Ec2CapacityReservation(this, "ContingencyReservation", {
        availabilityZone: parsed.contingencyAvailabilityZone,
        instanceType: parsed.instanceType,
        instancePlatform: parsed.instancePlatform ?? "Linux/UNIX",
        instanceCount: designatedCount,
        instanceMatchCriteria: "targeted",
        endDateType: "unlimited",
        tags: {
          ...base,
          [TAG.role]: "contingency",
          [TAG.contingencyFor]: name,
          [TAG.designatedCount]: String(designatedCount),
          Name: `${name}-contingency`,
        },
      });

    this.launchTemplate = new LaunchTemplate(this, "SpotTemplate", {
      namePrefix: `${name.slice(0, 100)}-spot-`,
      instanceType: parsed.instanceType,
      ...(parsed.imageId !== undefined ? { imageId: parsed.imageId } : {}),
      blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeType: "gp3", deleteOnTermination: "true" } }],
      metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" },
      tags: { ...base, [TAG.role]: "contingency" },
    });

    this.spotPool = new AutoscalingGroup(this, "SpotPool", {
      name: `${name}-contingency`,
      minSize: 0,
      // Never more leases than designated instances: each one can be revoked for a failover.
      maxSize: designatedCount,
      desiredCapacity: designatedCount,
      vpcZoneIdentifier: parsed.contingencySubnets.map((s) => s.subnetId),
      capacityRebalance: true,
      mixedInstancesPolicy: {
        instancesDistribution: {
          onDemandBaseCapacity: 0,
          onDemandPercentageAboveBaseCapacity: 0,
          spotAllocationStrategy: "price-capacity-optimized",
          spotMaxPrice: String(parsed.minimumBidPerHour),
        },
        launchTemplate: {
          launchTemplateSpecification: { launchTemplateId: this.launchTemplate.id, version: "$Latest" },
          override: [{ instanceType: parsed.instanceType }],
        },
      },
      tag: Object.entries({
        ...base,
        [TAG.role]: "contingency",
        [TAG.contingencyFor]: name,
        [TAG.designatedCount]: String(designatedCount),
      }).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
    });

    this.interruptionQueue = new SqsQueue(this, "InterruptionQueue", {
      name: `${name.slice(0, 60)}-interruptions`,
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: 86_400,
      tags: base,
    });
    this.interruptionRule = new CloudwatchEventRule(this, "InterruptionRule", {
      name: `${name.slice(0, 50)}-spot-interruptions`,
      description: `Spot interruption warnings and rebalance recommendations of ${name}'s contingency pool (cdktf-resilience)`,
      eventPattern: JSON.stringify({ source: ["aws.ec2"], "detail-type": INTERRUPTION_DETAIL_TYPES }),
      tags: base,
    });
    new CloudwatchEventTarget(this, "InterruptionTarget", { rule: this.interruptionRule.name, arn: this.interruptionQueue.arn });
    new SqsQueuePolicy(this, "InterruptionQueuePolicy", {
      queueUrl: this.interruptionQueue.url,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sqs:SendMessage",
            Resource: this.interruptionQueue.arn,
            Condition: { ArnEquals: { "aws:SourceArn": this.interruptionRule.arn } },
          },
        ],
      }),
    });

    this.designation = {
      topology: name,
      mode,
      primaryAvailabilityZone: parsed.primaryAvailabilityZone,
      contingencyAvailabilityZone: parsed.contingencyAvailabilityZone,
      instanceType: parsed.instanceType,
      primaryCount,
      designatedCount,
      ...(named ? { designatedInstances: [...named] } : {}),
      minimumBidPerHour: parsed.minimumBidPerHour,
    };
    // Terraform has no resource for a designation: the runtime (and people) read it here.
    const output = new TerraformOutput(this, "Designations", {
      value: JSON.stringify({ ...this.designation, spotPool: `${name}-contingency` }),
      description: `Capacity designated for ${name} in ${parsed.contingencyAvailabilityZone} (cdktf-resilience)`,
    });
    output.overrideLogicalId(`contingency_designations_${name.replace(/[^A-Za-z0-9_]/g, "_")}`);
  }
}

/**
 * Impossible props throw at once; when they do, the cross-field rules run too, so the one error
 * lists every problem (a wrong zone next to a negative bid), and nothing is synthesized.
 */
function parseAll(path: string, props: ContingencyCapacityProps): ContingencyCapacityProps {
  try {
    return parseProps(contingencyCapacitySchema(), "ContingencyCapacity", path, props) as ContingencyCapacityProps;
  } catch (e) {
    if (!isResilienceError(e)) throw e;
    const cross = evaluateRules(CAPACITY_RULES, { props: (props ?? {}) as Partial<ContingencyCapacityProps> }).errors;
    throw propsInvalid("ContingencyCapacity", path, [...e.problems, ...cross]);
  }
}
