/** Endpoint and drill nodes: Route 53 records, RDS proxies with their targets, FIS experiment templates. */
import type { PlanReader } from "./plan-reader";
import { maybe } from "./plan-reader";
import type { DbProxyNode, DnsRecordNode, FisTemplateNode } from "./topology-infrastructure";

/** Resources whose endpoint a DNS record may name. */
const ENDPOINT_TYPES = [
  "aws_rds_cluster",
  "aws_rds_cluster_instance",
  "aws_db_proxy",
  "aws_redshift_cluster",
  "aws_elasticache_replication_group",
];

export function buildDnsRecords(p: PlanReader): DnsRecordNode[] {
  return p.byType("aws_route53_record").map((n) => {
    const alias = p.block(n.body.alias);
    const raw = Array.isArray(n.body.records) ? n.body.records : [];
    const pointsTo = [...raw, alias?.name]
      .map((v) => p.resolver.target(v))
      .find((t) => t !== undefined && ENDPOINT_TYPES.includes(p.nodes.get(t.address)?.type ?? ""));
    return {
      address: n.address,
      name: p.str(n.body.name) ?? n.name,
      type: p.str(n.body.type) ?? "A",
      zoneId: p.link(n.body.zone_id, ["aws_route53_zone"]) ?? { external: "unknown" },
      ...maybe("ttlSeconds", p.num(n.body.ttl)),
      values: p.strings(n.body.records),
      ...(alias ? { alias: { name: p.str(alias.name) ?? "(known after apply)" } } : {}),
      ...(pointsTo ? { pointsTo: { address: pointsTo.address } } : {}),
    };
  });
}

export function buildDbProxies(p: PlanReader): DbProxyNode[] {
  const targets = p.byType("aws_db_proxy_target");
  return p.byType("aws_db_proxy").map((n) => {
    const target = targets.find((t) => {
      const proxy = p.link(t.body.db_proxy_name, ["aws_db_proxy"]);
      return proxy !== undefined && "address" in proxy && proxy.address === n.address;
    });
    const link =
      target &&
      (p.link(target.body.db_cluster_identifier, ["aws_rds_cluster"]) ??
        p.link(target.body.db_instance_identifier, ["aws_rds_cluster_instance"]));
    return {
      address: n.address,
      name: p.str(n.body.name) ?? n.name,
      engineFamily: p.str(n.body.engine_family) ?? "POSTGRESQL",
      zones: p.subnetZones(n.body.vpc_subnet_ids),
      ...maybe("target", link),
      ...p.tagged(n),
    };
  });
}

export function buildFisTemplates(p: PlanReader): FisTemplateNode[] {
  return p.byType("aws_fis_experiment_template").map((n) => {
    const stops = p
      .blocks(n.body.stop_condition)
      .map((s) => ({ source: p.str(s.source) ?? "none", ...maybe("value", p.str(s.value)) }))
      .filter((s) => s.source !== "none");
    const options = p.block(n.body.experiment_options);
    return {
      address: n.address,
      description: p.str(n.body.description) ?? "",
      actions: p.blocks(n.body.action).map((a) => ({
        name: p.str(a.name) ?? "",
        actionId: p.str(a.action_id) ?? "",
        ...maybe("description", p.str(a.description)),
        startAfter: p.strings(a.start_after),
        parameters: p.keyValues(a.parameter),
        targets: p.keyValues(a.target),
      })),
      targets: p.blocks(n.body.target).map((t) => ({
        name: p.str(t.name) ?? "",
        resourceType: p.str(t.resource_type) ?? "",
        selectionMode: p.str(t.selection_mode) ?? "ALL",
        resources: p.links(t.resource_arns),
        resourceTags: p.keyValues(t.resource_tag),
        filters: p.blocks(t.filter).map((f) => ({ path: p.str(f.path) ?? "", values: p.strings(f.values) })),
        parameters: Object.fromEntries(
          Object.entries((t.parameters as Record<string, unknown> | undefined) ?? {})
            .map(([k, v]) => [k, p.str(v)] as const)
            .filter((e): e is readonly [string, string] => e[1] !== undefined),
        ),
      })),
      stopConditions: stops,
      emptyTargetResolution: p.str(options?.empty_target_resolution_mode) === "skip" ? "skip" : "fail",
      ...p.tagged(n),
    };
  });
}
