import Table from "cli-table3";
import type { Command } from "commander";
import { loadPlan } from "../plan/load-plan";
import type { DatabaseClusterNode, Link, Topology } from "../plan/topology";
import type { CliIo } from "./io";

export function registerInspect(program: Command, io: CliIo): void {
  program
    .command("inspect")
    .description("print the topology the runtime sees in a synthesized plan")
    .argument("<plan>", "a cdk.tf.json file, or a directory holding one (cdktf.out/stacks/<stack>)")
    .option("--json", "print the topology as one JSON document (for scripts)")
    .action((plan: string, options: { json?: boolean }) => {
      const topology = loadPlan(plan);
      io.out(options.json ? `${JSON.stringify(topology, null, 2)}\n` : formatTopology(topology));
    });
}

/** The human view of a topology: zones, then each database with its instances. */
export function formatTopology(t: Topology): string {
  const lines: string[] = [];
  lines.push(`Plan    ${t.source}`);
  lines.push(`Region  ${t.region ?? "(not set in the plan)"}`);
  lines.push(
    `Zones   ${t.zones.map((z) => `${z.name} (${z.subnets.length} subnet${z.subnets.length === 1 ? "" : "s"})`).join(", ") || "(none)"}`,
  );
  for (const db of t.databases) lines.push("", ...formatDatabase(db));
  if (t.databases.length === 0) lines.push("", "No database clusters in this plan.");
  if (t.opaque.length) {
    const types = [...new Set(t.opaque.map((o) => o.type))].sort();
    lines.push("", `Not modelled (${t.opaque.length}): ${types.join(", ")}`);
  }
  for (const note of t.notes) lines.push(`Note: ${note}`);
  return `${lines.join("\n")}\n`;
}

function formatDatabase(db: DatabaseClusterNode): string[] {
  const table = new Table({
    head: ["role", "zone", "tier", "class", "instance", "role from"],
    style: { head: [], border: [], compact: true },
  });
  for (const i of db.instances)
    table.push([
      i.role,
      i.availabilityZone ?? "(AWS picks)",
      `${i.promotionTier}${i.promotionTierExplicit ? "" : "*"}`,
      i.instanceClass,
      i.address,
      i.roleSource,
    ]);
  const encryption = db.storageEncrypted ? `encrypted with ${linkText(db.kmsKey) ?? "the AWS managed key"}` : "NOT encrypted";
  const out = [
    `Database ${db.address}`,
    `  ${db.engine} (${db.kind})${db.identifier ? `, identifier ${db.identifier}` : ""}${db.topology ? `, topology ${db.topology}` : ""}`,
    `  ${encryption}; subnet zones ${db.zones.join(", ") || "(unknown)"}`,
    ...table
      .toString()
      .split("\n")
      .map((l) => `  ${l}`),
  ];
  if (db.instances.some((i) => !i.promotionTierExplicit)) out.push("  * promotion_tier not set in the plan: Terraform sends 0");
  return out;
}

function linkText(l: Link | undefined): string | undefined {
  if (!l) return undefined;
  return "address" in l ? l.address : l.external;
}
