import { type ReadContext, str } from "../read-context";
import type { ResourceNode } from "../resources";
import type { DatabaseClusterNode, UnknownValue } from "../topology";

/**
 * `aws_rds_global_cluster`: an Aurora global database. Its member clusters name it in
 * `global_cluster_identifier`; one, the primary, has the writer; every other is a read-only
 * secondary in another region whose instances are all readers, until a global failover or
 * switchover makes it primary. Which member is the primary is, in order: the cluster the global
 * cluster is created from (`source_db_cluster_identifier`); the only member the others wait for
 * (`depends_on`, as AWS's and Terraform's examples create the secondary after the primary); the
 * only member with master credentials (a secondary cannot have them). Otherwise the plan does
 * not say, and the database is marked unknown.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_global_cluster
 */
export function assignGlobalRoles(databases: DatabaseClusterNode[], ctx: ReadContext): DatabaseClusterNode[] {
  const globals = ctx.byType("aws_rds_global_cluster");
  if (globals.length === 0) return databases;
  const byAddress = new Map(databases.map((d) => [d.address, d]));
  const replaced = new Map<string, DatabaseClusterNode>();
  for (const g of globals) {
    const identifier = str(ctx.r.literal(g.body.global_cluster_identifier));
    const members = ctx.byType("aws_rds_cluster").filter((c) => {
      const l = ctx.link(c.body.global_cluster_identifier, "aws_rds_global_cluster");
      return l !== undefined && "address" in l && l.address === g.address && byAddress.get(c.address)?.kind === "aurora";
    });
    if (members.length === 0) continue;
    const { primary, why } = primaryOf(g, members, ctx);
    for (const m of members) {
      const db = byAddress.get(m.address) as DatabaseClusterNode;
      const global = { address: g.address, ...(identifier !== undefined ? { identifier } : {}) };
      if (!primary) {
        const unknown: UnknownValue = { address: g.address, attribute: "primary cluster", why: [why] };
        replaced.set(m.address, { ...db, global: { ...global, role: "primary" }, unknown: [...(db.unknown ?? []), unknown] });
      } else if (m === primary) replaced.set(m.address, { ...db, global: { ...global, role: "primary" } });
      else {
        ctx.note(
          `${m.address} is a secondary cluster of ${g.address}: read-only, no writer until a global failover or switchover promotes it`,
        );
        replaced.set(m.address, {
          ...db,
          global: { ...global, role: "secondary" },
          instances: db.instances.map((i) => ({ ...i, role: "read" as const, roleSource: "global-secondary" as const })),
        });
      }
    }
  }
  return databases.map((d) => replaced.get(d.address) ?? d);
}

const CREDENTIALS = ["master_username", "master_password", "master_password_wo", "manage_master_user_password"];

function primaryOf(g: ResourceNode, members: readonly ResourceNode[], ctx: ReadContext): { primary?: ResourceNode; why: string } {
  const source = g.body.source_db_cluster_identifier;
  if (source !== undefined) {
    const t = ctx.r.target(source) ?? { address: ctx.r.referencedAddresses(source)[0] ?? "" };
    const found = members.find((m) => m.address === t.address);
    if (found) return { primary: found, why: "" };
  }
  if (members.length === 1) return { primary: members[0] as ResourceNode, why: "" };
  // The members the others wait for (the cluster itself or one of its instances).
  const owner = new Map<string, ResourceNode>();
  for (const m of members) {
    owner.set(m.address, m);
    for (const i of ctx.membersOf(m.address)) owner.set(i.address, m);
  }
  const waitedFor = new Set<ResourceNode>();
  const waiting = new Set<ResourceNode>();
  for (const m of members)
    for (const d of [...ctx.r.dependencies(m), ...ctx.membersOf(m.address).flatMap((i) => ctx.r.dependencies(i))]) {
      const o = owner.get(d);
      if (o && o !== m) {
        waitedFor.add(o);
        waiting.add(m);
      }
    }
  const first = [...waitedFor].filter((m) => !waiting.has(m));
  if (first.length === 1) return { primary: first[0] as ResourceNode, why: "" };
  const credentialed = members.filter((m) => CREDENTIALS.some((c) => m.body[c] !== undefined && ctx.r.literal(m.body[c]) !== false));
  if (credentialed.length === 1) return { primary: credentialed[0] as ResourceNode, why: "" };
  return {
    why: `${members.length} clusters join ${g.address} and the plan does not say which is the primary (AWS makes the first one created the primary): set source_db_cluster_identifier, or make the secondaries depends_on the primary`,
  };
}
