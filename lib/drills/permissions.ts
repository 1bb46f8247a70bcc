/**
 * The IAM actions each FIS action needs, and nothing more (from the FIS actions reference). The
 * drill's role gets exactly the statements of the actions it runs, scoped to the target ARNs
 * where the service allows resource-level permissions.
 */

export interface Statement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: readonly string[] | string;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

const DESCRIBE: Readonly<Record<string, readonly string[]>> = {
  "aws:rds:failover-db-cluster": ["rds:DescribeDBClusters"],
  "aws:elasticache:replicationgroup-interrupt-az-power": ["elasticache:DescribeReplicationGroups", "tag:GetResources"],
  "aws:ec2:send-spot-instance-interruptions": ["ec2:DescribeInstances"],
  "aws:network:disrupt-connectivity": [
    "ec2:DescribeNetworkAcls",
    "ec2:DescribeSubnets",
    "ec2:DescribeVpcs",
    "ec2:GetManagedPrefixListEntries",
  ],
  "aws:ec2:api-insufficient-instance-capacity-error": [],
};

const ACT: Readonly<Record<string, readonly string[]>> = {
  "aws:rds:failover-db-cluster": ["rds:FailoverDBCluster"],
  "aws:elasticache:replicationgroup-interrupt-az-power": ["elasticache:InterruptClusterAzPower"],
  "aws:ec2:send-spot-instance-interruptions": ["ec2:SendSpotInstanceInterruptions"],
  "aws:network:disrupt-connectivity": [
    "ec2:CreateNetworkAcl",
    "ec2:CreateNetworkAclEntry",
    "ec2:DeleteNetworkAcl",
    "ec2:ReplaceNetworkAclAssociation",
    "ec2:CreateTags",
  ],
  "aws:ec2:api-insufficient-instance-capacity-error": ["ec2:InjectApiError"],
};

/** One statement per action id (sorted), resources scoped where the action allows it. */
export function statementsFor(
  actions: readonly {
    readonly actionId: string;
    readonly resources: readonly string[] | "*";
    /** Tags the touched resources carry, when they can only be known by tag (spot instances launched later). */
    readonly resourceTags?: Readonly<Record<string, string>>;
  }[],
): Statement[] {
  const byId = new Map<string, Set<string> | "*">();
  const tagsById = new Map<string, Readonly<Record<string, string>>>();
  for (const a of actions) {
    if (a.resourceTags) tagsById.set(a.actionId, a.resourceTags);
    const prev = byId.get(a.actionId);
    if (a.resources === "*" || prev === "*") byId.set(a.actionId, "*");
    else byId.set(a.actionId, new Set([...(prev ?? []), ...a.resources]));
  }
  const out: Statement[] = [];
  for (const id of [...byId.keys()].sort()) {
    const act = ACT[id];
    if (!act) throw new Error(`no IAM permissions known for FIS action ${id}`);
    const scoped = byId.get(id) as Set<string> | "*";
    const sid = id.replace(/[^A-Za-z0-9]/g, "");
    const resources = scoped === "*" ? "*" : [...scoped];
    if (id === "aws:ec2:api-insufficient-instance-capacity-error")
      out.push({ Sid: sid, Effect: "Allow", Action: act, Resource: resources, Condition: { StringEquals: { "ec2:FisActionId": id } } });
    else if (id === "aws:network:disrupt-connectivity")
      // Network ACL changes cannot be scoped to subnets by ARN; FIS tags what it creates, so deletes are limited to those.
      out.push(
        { Sid: sid, Effect: "Allow", Action: act.filter((a) => a !== "ec2:DeleteNetworkAcl"), Resource: "*" },
        {
          Sid: `${sid}Cleanup`,
          Effect: "Allow",
          Action: ["ec2:DeleteNetworkAcl"],
          Resource: "*",
          Condition: { StringEquals: { "ec2:ResourceTag/managedByFIS": "true" } },
        },
      );
    else {
      const tags = tagsById.get(id);
      const condition = tags
        ? { Condition: { StringEquals: Object.fromEntries(Object.entries(tags).map(([k, v]) => [`ec2:ResourceTag/${k}`, v])) } }
        : {};
      out.push({ Sid: sid, Effect: "Allow", Action: act, Resource: resources, ...condition });
    }
    const describe = DESCRIBE[id] ?? [];
    if (describe.length) out.push({ Sid: `${sid}Describe`, Effect: "Allow", Action: describe, Resource: "*" });
  }
  return out;
}
