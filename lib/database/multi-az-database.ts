import { Construct } from "../private/cdktf";
import { defaultIdentifier } from "../private/defaults";
import { parseProps } from "../private/props";
import { attachRules } from "../private/validation";
import type { Engine } from "../spec/contract";
import { multiAzDatabaseSchema } from "../spec/multi-az-database";
import { type AuroraResources, renderAurora } from "./aurora";
import { resolveTopology } from "./resolve";
import { multiAzDatabaseRules } from "./rules";

const BRAND = Symbol.for("cdktf-resilience.MultiAzDatabase");

/** A subnet of the database's subnet group and the zone it lives in. */
export interface DatabaseSubnet {
  /** Subnet id, usually a token such as `subnet.id`. */
  readonly subnetId: string;
  /** The subnet's Availability Zone, e.g. `'us-east-1a'`. Used to check instance placement. */
  readonly availabilityZone: string;
}

/** Where the writer (the coordinator) runs and on what. */
export interface WriterProps {
  /** Availability Zone of the writer; must hold one of `subnets`. */
  readonly availabilityZone: string;
  /** Instance class, e.g. `'db.r6g.large'`; standbys default to it. */
  readonly instanceClass: string;
}

/** A standby instance in another zone. */
export interface StandbyProps {
  /**
   * Construct id of the instance. It becomes part of the Terraform address and of the instance
   * identifier, so keep it stable (`'standby-b'`).
   */
  readonly id: string;
  /** Availability Zone of the standby; must hold one of `subnets`. */
  readonly availabilityZone: string;
  /**
   * `'failover'`: promoted first (tier 1) when the writer fails; must be able to carry the
   * writer's load. `'read'`: a read replica (tier ≥ 2), promoted only when no failover standby is left.
   */
  readonly role: "failover" | "read";
  /** @default - the writer's instance class, so a failover keeps capacity */
  readonly instanceClass?: string;
  /**
   * Aurora promotion tier (0–15, lower promoted first).
   * @default - 1 for `'failover'`, 2 for `'read'`
   */
  readonly promotionTier?: number;
}

export interface MultiAzDatabaseProps {
  /** Database engine. */
  readonly engine: Engine;
  /** @default - the engine's default version, chosen by AWS at creation */
  readonly engineVersion?: string;
  /** Subnets of the DB subnet group, in at least two Availability Zones. */
  readonly subnets: readonly DatabaseSubnet[];
  /** The writer (coordinator) placement. */
  readonly writer: WriterProps;
  /** Standbys; at least one `'failover'` standby must be in another zone than the writer. */
  readonly standbys: readonly StandbyProps[];
  /** @default - the VPC's default security group (AWS behaviour) */
  readonly securityGroupIds?: readonly string[];
  /** KMS key for storage encryption, shared by every instance in every zone. @default - a new key with yearly rotation */
  readonly kmsKeyArn?: string;
  /**
   * Cluster identifier: lowercase letters, digits and hyphens, at most 48 characters so the
   * instance identifiers (`<cluster>-<standby id>`) stay within RDS's 63.
   * @default - derived from the stack name and construct path
   */
  readonly clusterIdentifier?: string;
  /** @default - no database is created at launch (AWS behaviour) */
  readonly databaseName?: string;
  /** @default - `postgres` for aurora-postgresql, `admin` for aurora-mysql; the password is managed in Secrets Manager */
  readonly masterUsername?: string;
  /** Days of automated backups kept for point-in-time restore (1–35). @default - 7 */
  readonly backupRetentionDays?: number;
  /** @default - true: `terraform destroy` cannot delete the cluster until this is turned off */
  readonly deletionProtection?: boolean;
}

/**
 * An Aurora cluster whose writer survives the loss of its Availability Zone: a failover standby
 * of the writer's size in another zone (promotion tier 1), read replicas behind it (tier ≥ 2),
 * encrypted storage and every setting shared across zones set once.
 *
 * Synth fails with every problem listed when the topology cannot fail over safely.
 */
export class MultiAzDatabase extends Construct {
  static isMultiAzDatabase(x: unknown): x is MultiAzDatabase {
    return typeof x === "object" && x !== null && BRAND in x;
  }

  readonly clusterIdentifier: string;
  readonly kmsKeyArn: string;
  readonly resources: AuroraResources;
  /** Writer endpoint (follows the writer across failovers). */
  readonly endpoint: string;
  /** Reader endpoint (load-balances the replicas). */
  readonly readerEndpoint: string;

  constructor(scope: Construct, id: string, props: MultiAzDatabaseProps) {
    super(scope, id);
    Object.defineProperty(this, BRAND, { value: true });
    const parsed = parseProps(multiAzDatabaseSchema(), "MultiAzDatabase", this.node.path, props) as MultiAzDatabaseProps;
    const pathParts = this.node.scopes.slice(1).map((s) => s.node.id);
    // 48 leaves room for the instance suffix (`-standby-b`) within the 63-character limit.
    this.clusterIdentifier = parsed.clusterIdentifier ?? defaultIdentifier(pathParts, this.node.addr, 48);
    const topology = resolveTopology(parsed, this.clusterIdentifier);
    const topologyTag = pathParts.slice(1).join("/") || id;
    this.resources = renderAurora(this, parsed, topology, this.clusterIdentifier, topologyTag);
    this.kmsKeyArn = this.resources.kmsKeyArn;
    this.endpoint = this.resources.cluster.endpoint;
    this.readerEndpoint = this.resources.cluster.readerEndpoint;
    attachRules(this, "MultiAzDatabase", multiAzDatabaseRules, () => topology);
  }
}
