import type { Command } from "commander";
import { regionOf } from "../cloud/from-topology";
import { loadPlan } from "../plan/load-plan";
import type { DatabaseClusterNode, DatabaseInstanceNode, Link, Topology } from "../plan/topology";
import { addInputSizeOption, type InputSizeFlags, inputLimits } from "./input-size";
import type { CliIo } from "./io";
import { textTable } from "./text-table";

export function registerInspect(program: Command, io: CliIo): void {
  addInputSizeOption(
    program
      .command("inspect")
      .description("print the topology the runtime sees in a synthesized plan")
      .argument("<plan>", "a cdk.tf.json file, or a directory holding one (cdktf.out/stacks/<stack>)")
      .option("--json", "print the topology as one JSON document (for scripts)"),
  ).action((plan: string, options: { json?: boolean } & InputSizeFlags) => {
    const topology = loadPlan(plan, inputLimits(options));
    io.out(options.json ? `${JSON.stringify(topology, null, 2)}\n` : formatTopology(topology));
  });
}

/** The human view of a topology: zones, then each database with its instances. */
export function formatTopology(t: Topology): string {
  const lines: string[] = [];
  lines.push(`Plan    ${t.source}`);
  lines.push(`Region  ${t.region ?? "(not set in the plan)"}`);
  // Databases in several regions: each region's zones stay its own.
  const dbRegions = [...new Set(t.databases.map((d) => d.region ?? t.region).filter((r): r is string => r !== undefined))].sort();
  if (dbRegions.length > 1) lines.push(`Regions ${dbRegions.join(", ")} (databases in each; zones never cross regions)`);
  lines.push(`Zones   ${formatZones(t)}`);
  for (const db of t.databases) lines.push("", ...formatDatabase(db, dbRegions.length > 1 ? undefined : t.region));
  if (t.databases.length === 0) lines.push("", "No database clusters in this plan.");
  lines.push(...formatProtection(t));
  lines.push(...formatDesignations(t));
  if (t.fisTemplates.length) {
    // Each template is a scenario `emulate --scenario <address>` and `drill` can run.
    lines.push("");
    for (const [i, f] of t.fisTemplates.entries())
      lines.push(
        `${i === 0 ? "Drills " : "       "} ${f.address}: ${f.actions.length} action${f.actions.length === 1 ? "" : "s"} (${[...new Set(f.actions.map((a) => a.actionId))].join(", ")})`,
      );
  }
  if (t.opaque.length) {
    const types = [...new Set(t.opaque.map((o) => o.type))].sort();
    const count = `${t.opaque.length} resource${t.opaque.length === 1 ? "" : "s"}${types.length === t.opaque.length ? "" : ` of ${types.length} types`}`;
    lines.push("", `Not modelled (${count}): ${types.join(", ")}`);
  }
  for (const note of t.notes) lines.push(`Note: ${note}`);
  if (t.unknowns?.length) {
    lines.push(
      "",
      `Unknown until apply (${t.unknowns.length}): emulate, drill and campaign refuse to judge this plan until these are fixed`,
    );
    for (const u of t.unknowns) lines.push(`  ${u.address}.${u.attribute}: ${u.why.join("; ")}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The zones `emulate` runs and `--az` accepts (in every region a database of the plan runs in: the
 * plan's zones and the region's first three, so a failover has somewhere to go), each with the
 * plan's subnets in it when it has any.
 */
function formatZones(t: Topology): string {
  const subnets = new Map(t.zones.map((z) => [z.name, z.subnets.length]));
  return regionOf(t)
    .zones.map((z) => {
      const n = subnets.get(z) ?? 0;
      return n ? `${z} (${n} subnet${n === 1 ? "" : "s"})` : z;
    })
    .join(", ");
}

/** Backups, snapshot schedules, pause/resume actions and restores: what keeps the data elsewhere. */
function formatProtection(t: Topology): string[] {
  const rows: string[] = [];
  for (const plan of t.backupPlans)
    for (const r of plan.rules) {
      const keep = r.deleteAfterDays === undefined ? "kept until deleted" : `kept ${r.deleteAfterDays} d`;
      const copies = r.copyActions.map((c) => `copy to ${linkText(c.destinationVault)}`);
      rows.push(
        `${plan.address} rule ${r.name}: ${r.continuousBackup ? "continuous (PITR)" : r.schedule}, ${[keep, ...copies].join(", ")}`,
      );
    }
  for (const sel of t.backupSelections)
    rows.push(`${sel.address}: ${sel.resources.map(linkText).join(", ") || "by tag"} in ${linkText(sel.plan)}`);
  for (const s of t.snapshotSchedules)
    rows.push(`${s.address}: ${s.definitions.join(", ")} for ${s.clusters.map(linkText).join(", ") || "no cluster"}`);
  for (const a of t.scheduledActions)
    rows.push(`${a.address}: ${a.action} ${linkText(a.cluster)} at ${a.schedule}${a.enabled ? "" : " (disabled)"}`);
  for (const r of t.restores)
    rows.push(
      `${r.address}: restored from ${r.kind === "snapshot" ? `snapshot ${r.snapshot}` : `${linkText(r.source)} (${r.kind}${r.latest ? ", latest" : r.at ? ` at ${r.at}` : ""})`}`,
    );
  return rows.length ? ["", ...rows.map((r, i) => `${i === 0 ? "Protect" : "       "} ${r}`)] : [];
}

/** Contingency capacity: where a failover's replacement runs, and how it is held. */
function formatDesignations(t: Topology): string[] {
  const rows = t.contingencyDesignations.map((d) => {
    const held =
      d.mode === "named"
        ? `named ${(d.designatedInstances ?? []).join(", ")}`
        : d.mode === "interruptible-reservation"
          ? `${d.designatedCount} × ${d.instanceType} in lent reservation ${d.reservation ?? "(missing)"}`
          : `${d.designatedCount} × ${d.instanceType} designated`;
    return `${d.topology}: ${d.primaryCount} × ${d.instanceType} reserved in ${d.primaryAvailabilityZone}; ${held} in ${d.contingencyAvailabilityZone}, leased as spot by ${d.pool} (bid ≥ $${d.minimumBidPerHour}/h)`;
  });
  return rows.length ? ["", ...rows.map((r, i) => `${i === 0 ? "Capacity" : "        "} ${r}`)] : [];
}

/** One database; its region is named when it is not `homeRegion` (the only region of the plan's databases). */
function formatDatabase(db: DatabaseClusterNode, homeRegion: string | undefined): string[] {
  // Indented as it is drawn: one string, not split into lines to indent each.
  const table = textTable(
    ["role", "zone", "tier", "class", "instance", "role from"],
    db.instances.map((i) => [
      i.role,
      zoneText(i),
      i.promotionTier === undefined ? "-" : `${i.promotionTier}${i.promotionTierExplicit ? "" : "*"}`,
      i.nodeCount === undefined ? i.instanceClass : `${i.instanceClass} × ${i.nodeCount}`,
      i.member === i.address ? i.address : `${i.address} (${i.member})`,
      i.roleSource,
    ]),
    "  ",
  );
  const encryption = db.storageEncrypted ? `encrypted with ${linkText(db.kmsKey) ?? "the AWS managed key"}` : "NOT encrypted";
  const switches = [
    db.multiAz === undefined ? "" : `Multi-AZ ${db.multiAz ? "on" : "OFF"}`,
    db.automaticFailover === undefined ? "" : `automatic failover ${db.automaticFailover ? "on" : "OFF"}`,
    db.shards === undefined || db.shards === 1 ? "" : `${db.shards} shards`,
    db.serverlessV2 ? `Serverless v2 ${db.serverlessV2.minCapacity ?? "?"}–${db.serverlessV2.maxCapacity ?? "?"} ACUs` : "",
    db.autoscaling
      ? `Aurora Auto Scaling keeps ≥ ${db.autoscaling.minCapacity} replica${db.autoscaling.minCapacity === 1 ? "" : "s"}${db.autoscaling.maxCapacity === undefined ? "" : ` (max ${db.autoscaling.maxCapacity})`}, ${db.autoscaling.address}`
      : "",
  ].filter(Boolean);
  const where = [
    db.region && db.region !== homeRegion ? `region ${db.region}` : "",
    db.global
      ? `${db.global.role === "primary" ? "primary" : "read-only secondary"} of global database ${db.global.identifier ?? db.global.address}`
      : "",
  ].filter(Boolean);
  const out = [
    `Database ${db.address}`,
    `  ${db.engine} (${db.kind})${db.identifier ? `, identifier ${db.identifier}` : ""}${db.topology ? `, topology ${db.topology}` : ""}`,
    ...(where.length ? [`  ${where.join(", ")}`] : []),
    ...(switches.length ? [`  ${switches.join(", ")}`] : []),
    `  ${encryption}; subnet zones ${db.zones.join(", ") || "(unknown)"}`,
    table,
  ];
  if (db.instances.some((i) => i.promotionTierExplicit === false)) out.push("  * promotion_tier not set in the plan: Terraform sends 0");
  if (db.instances.some((i) => i.readable === false))
    out.push("  the standby of a Multi-AZ DB instance serves no reads; it becomes the primary on a failover");
  const added = db.instances.filter((i) => i.addedBy !== undefined);
  if (added.length)
    out.push(
      `  ${added.length} replica${added.length === 1 ? "" : "s"} added by Aurora Auto Scaling (no resource of ${added.length === 1 ? "its" : "their"} own): the writer's class, tier 15, zone picked by AWS`,
    );
  if (db.global?.role === "secondary") out.push("  no writer: a secondary serves reads until a global failover or switchover promotes it");
  return out;
}

function zoneText(i: DatabaseInstanceNode): string {
  if (i.availabilityZone) return i.availabilityZone;
  return i.candidateZones?.length ? `(AWS picks: ${i.candidateZones.join(", ")})` : "(AWS picks)";
}

function linkText(l: Link | undefined): string | undefined {
  if (!l) return undefined;
  return "address" in l ? l.address : l.external;
}
