import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { distributionOf } from "../runtime/assess/distribution";
import { emulate } from "../runtime/emulation/emulate";
import { planFromJson } from "../runtime/plan";
import { assessJson, disruption, withAzTarget } from "./helpers/assess-cli";
import { synthExample, writePlan } from "./helpers/examples";
import { type PlanDoc, runCli, variantOf } from "./helpers/run-cli";

const SEEDS = "4";
const aurora = writePlan(synthExample("aurora-postgres"));

describe("distribution: nearest-rank percentiles, each a value one seed measured", () => {
  test("p50, p99 and max of 1..100 and of 1..10", () => {
    expect(distributionOf(Array.from({ length: 100 }, (_, i) => 100 - i))).toEqual({ p50: 50, p99: 99, max: 100 });
    expect(distributionOf(Array.from({ length: 10 }, (_, i) => i + 1))).toEqual({ p50: 5, p99: 10, max: 10 });
  });
});

describe("assess: the Aurora example's policy, measured across seeds", () => {
  test("as built, every target is met in every seed, each measured from what the clients saw", async () => {
    const { code, a } = await assessJson(aurora, SEEDS);
    expect(code).toBe(0);
    // Every type the policy sets (software, hardware, az) was measured: nothing left unassessed.
    expect(a?.verdict).toBe("met");
    const az = disruption(a, "az");
    expect(az).toMatchObject({ verdict: "met", runs: 4, scenarios: ["az-outage --az us-east-1a"], breachFraction: 0 });
    // Each seed's outage must really have been measured (a zone loss cuts clients off).
    expect(az.rto?.p50Ms).toBeGreaterThan(0);
    expect(az.rpo).toMatchObject({ maxMs: 0, breaches: 0 });
    // Software and hardware reach the clients in every seed; Aurora's storage is synchronous: nothing acknowledged is lost.
    const software = disruption(a, "software");
    const hardware = disruption(a, "hardware");
    const cluster = a?.policies[0]?.databases[0]?.database;
    expect(cluster).toMatch(/^aws_rds_cluster\./);
    expect(software).toMatchObject({
      verdict: "met",
      runs: 4,
      scenarios: [`writer-crash --database ${cluster}`],
      rpo: { maxMs: 0, breaches: 0 },
    });
    expect(hardware).toMatchObject({
      verdict: "met",
      runs: 4,
      scenarios: [`instance-failure --database ${cluster}`],
      rpo: { maxMs: 0, breaches: 0 },
    });
    // A reboot is "a momentary outage" (RDS API, RebootDBInstance), and Aurora recovers from a
    // restart "almost instantaneously": well inside the minute a failure event "often" takes. A lost
    // writer is "typically restored in less than 120 seconds" (Aurora User Guide, "Fault tolerance
    // for an Aurora DB cluster"), plus detection and the DNS record's update, "typically less than
    // 30 seconds" (Aurora User Guide, "Fast failover with Aurora PostgreSQL").
    expect(software.rto?.p50Ms).toBeGreaterThan(0);
    expect(software.rto?.maxMs).toBeLessThanOrEqual(60_000);
    for (const d of [hardware, az]) {
      expect(d.rto?.p50Ms).toBeGreaterThan(0);
      expect(d.rto?.maxMs).toBeLessThanOrEqual(120_000 + 30_000 + 30_000);
    }
    expect((await runCli("assess", aurora, "--seeds", "1", "--parallel", "1", "--strict")).code).toBe(0);
  }, 180_000);

  test("the writer's engine restarts in place (Aurora does not fail over on a reboot); its host's loss fails over to the standby in another zone", async () => {
    const topology = planFromJson(JSON.parse(readFileSync(aurora, "utf8")), "aurora");
    const run = (scenario: string) => emulate({ topology, scenario, seed: 3, trace: { enabled: false } }).result;
    const crash = run("writer-crash");
    expect(crash.failovers).toEqual([]);
    expect(crash.recovery?.[0]?.longestOutageMs).toBeGreaterThan(0);
    const lost = run("instance-failure");
    expect(lost.failovers).toHaveLength(1);
    expect(lost.failovers[0]).toMatchObject({ fromAz: "us-east-1a", toAz: "us-east-1b" });
    expect(lost.recovery?.[0]).toMatchObject({ acknowledgedWritesLost: 0 });
    expect(lost.recovery?.[0]?.longestOutageMs).toBeGreaterThan(0);
  }, 60_000);

  test("a zone RTO tightened below the measured p99 is breached: exit 1, the worst seed's replay reproduces its outage, and the advice says which target to raise", async () => {
    const tight = withAzTarget(aurora, "10s");
    const { code, a } = await assessJson(tight, SEEDS);
    expect(code).toBe(1);
    const az = disruption(a, "az");
    expect(az.verdict).toBe("breached");
    expect(az.rto?.breaches).toBeGreaterThan(0);
    expect(az.breachFraction).toBeGreaterThan(0);
    const worst = az.worst;
    expect(worst?.replay).toMatch(/^cdktf-resilience replay \S+ --scenario az-outage --seed \d+ --profile realistic --az us-east-1a$/);
    // Replaying the worst seed on its own measures the same outage, the longest of the seeds run.
    const topology = planFromJson(JSON.parse(readFileSync(tight, "utf8")), "replay");
    const again = emulate({ topology, scenario: "az-outage", seed: worst?.seed as number, az: "us-east-1a", trace: { enabled: false } });
    expect(again.result.recovery?.[0]?.longestOutageMs).toBe(worst?.rtoMs);
    expect(worst?.rtoMs).toBe(az.rto?.maxMs);
    // Detection and promotion alone exceed 10 s: no plan change gets under it.
    expect(az.advice?.join("\n")).toMatch(/raise policy\.az\.rto \(10s\) to at least \d+s \(the measured p99\)/);
    const text = await runCli("assess", tight, "--seeds", SEEDS, "--parallel", "1");
    expect(text.stdout).toContain("BREACHED: aws_rds_cluster.Orders_");
    expect(text.stdout).toContain(`replay: ${worst?.replay}`);
  }, 120_000);

  test("a failover standby shrunk below the writer fails the capacity invariant: exit 1, no figure counts, and the message names the standby", async () => {
    const shrunk = withAzTarget(aurora, "10s", (doc) => {
      for (const [k, i] of Object.entries(doc.resource.aws_rds_cluster_instance) as [string, PlanDoc][])
        if (k.includes("standby-b")) i.instance_class = "db.t4g.medium";
    });
    const { code, a } = await assessJson(shrunk, SEEDS);
    expect(code).toBe(1);
    expect(a?.verdict).toBe("invariant-failed");
    expect(disruption(a, "az").verdict).toBe("not-assessed");
    expect(disruption(a, "az").reason).toMatch(/runs 1×db\.t4g\.medium, the coordinator 1×db\.r6g\.large/);
    expect(a?.failures[0]?.replay).toMatch(/^cdktf-resilience replay /);
  }, 120_000);
});

describe("assess: the Redshift Multi-AZ example, which FIS cannot strike, struck by the emulator itself", () => {
  const redshift = writePlan(synthExample("redshift"), "redshift");

  test("its leader restarting in place cuts clients off without a failover; its primary compute lost fails over to the secondary compute in the other zone; every target is met", async () => {
    const topology = planFromJson(JSON.parse(readFileSync(redshift, "utf8")), "redshift");
    const run = (scenario: string) => emulate({ topology, scenario, seed: 5, trace: { enabled: false } }).result;
    const crash = run("writer-crash");
    expect(crash.verdict).toBe("held");
    expect(crash.failovers).toEqual([]);
    expect(crash.recovery?.[0]?.longestOutageMs).toBeGreaterThan(0);
    const lost = run("instance-failure");
    expect(lost.verdict).toBe("held");
    // Redshift Multi-AZ "fails over from primary compute to secondary compute" on an infrastructure failure.
    expect(lost.failovers).toHaveLength(1);
    expect(lost.failovers[0]?.fromAz).not.toBe(lost.failovers[0]?.toAz);
    expect(lost.recovery?.[0]).toMatchObject({ acknowledgedWritesLost: 0 });
    const { code, a } = await assessJson(redshift, SEEDS);
    expect(code).toBe(0);
    expect(a?.verdict).toBe("met");
    const warehouse = a?.policies[0]?.databases[0]?.database;
    expect(warehouse).toMatch(/^aws_redshift_cluster\./);
    expect(disruption(a, "software")).toMatchObject({ verdict: "met", runs: 4, scenarios: [`writer-crash --database ${warehouse}`] });
    expect(disruption(a, "hardware")).toMatchObject({ verdict: "met", runs: 4, scenarios: [`instance-failure --database ${warehouse}`] });
  }, 120_000);
});

describe("assess: RDS Proxy in front, or the cluster's DNS endpoint", () => {
  /** The example with its zone target at `rto` (the others at 10m, out of the way), and RDS Proxy in front of the cluster when `proxied`. */
  const zoneOnly = (rto: string, proxied: boolean) =>
    variantOf(aurora, (doc) => {
      for (const p of Object.values(doc.resource.aws_resiliencehub_resiliency_policy) as PlanDoc[]) {
        p.policy[0].az[0].rto = rto;
        p.policy[0].software[0].rto = "10m";
        p.policy[0].hardware[0].rto = "10m";
      }
      if (!proxied) return;
      const cluster = Object.keys(doc.resource.aws_rds_cluster)[0] as string;
      doc.resource.aws_db_proxy = {
        Proxy: {
          name: "orders",
          engine_family: "POSTGRESQL",
          role_arn: "arn:aws:iam::123456789012:role/orders-proxy",
          vpc_subnet_ids: [],
          auth: [{ auth_scheme: "SECRETS", secret_arn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders" }],
        },
      };
      doc.resource.aws_db_proxy_default_target_group = { Group: { db_proxy_name: "${aws_db_proxy.Proxy.name}" } };
      doc.resource.aws_db_proxy_target = {
        Target: {
          db_proxy_name: "${aws_db_proxy.Proxy.name}",
          target_group_name: "${aws_db_proxy_default_target_group.Group.name}",
          db_cluster_identifier: `\${aws_rds_cluster.${cluster}.id}`,
        },
      };
    });

  test("the same zone loss cuts clients off longer through DNS than through the proxy; a target between the two p99s breaches when the proxy is taken away, with the replay and the advice to put it back", async () => {
    const seeds = ["--seeds", "8"];
    const proxied = (await assessJson(zoneOnly("10m", true), SEEDS, ...seeds)).a;
    const direct = (await assessJson(zoneOnly("10m", false), SEEDS, ...seeds)).a;
    const proxyP99 = disruption(proxied, "az").rto?.p99Ms as number;
    const dnsP99 = disruption(direct, "az").rto?.p99Ms as number;
    // RDS Proxy "directs connections to the new primary" and its clients are "not susceptible to DNS
    // propagation delays on failover [or] local DNS caching" (Aurora User Guide, RDS Proxy failover);
    // through DNS, "updating the DNS record with an endpoint typically takes less than 30 seconds".
    expect(dnsP99).toBeGreaterThan(proxyP99);
    const target = `${Math.ceil((proxyP99 + dnsP99) / 2000)}s`;
    const withProxy = await assessJson(zoneOnly(target, true), SEEDS, ...seeds);
    expect(withProxy.code).toBe(0);
    expect(disruption(withProxy.a, "az").verdict).toBe("met");
    const withoutProxy = await assessJson(zoneOnly(target, false), SEEDS, ...seeds);
    expect(withoutProxy.code).toBe(1);
    const az = disruption(withoutProxy.a, "az");
    expect(az.verdict).toBe("breached");
    expect(az.worst?.replay).toMatch(/^cdktf-resilience replay \S+ --scenario az-outage --seed \d+ --profile realistic --az us-east-1a$/);
    expect(az.worst?.rtoMs).toBe(az.rto?.maxMs);
    expect(az.rto?.breaches).toBeGreaterThan(0);
    expect(az.advice?.join("\n")).toMatch(/for the endpoint's DNS record to name it/);
    expect(az.advice?.join("\n")).toMatch(
      /RDS Proxy in front \(MultiAzDatabase `proxy`, or aws_db_proxy with an aws_db_proxy_target for aws_rds_cluster\.Orders_\w+\)/,
    );
  }, 240_000);
});

describe("assess: what it cannot judge, it says, and never counts as met", () => {
  test("a plan without a resiliency policy is bad input: exit 2 with the fix", async () => {
    const plain = variantOf(aurora, (doc) => {
      delete doc.resource.aws_resiliencehub_resiliency_policy;
      for (const c of Object.values(doc.resource.aws_rds_cluster) as PlanDoc[]) delete c.tags["resilience:policy"];
    });
    const r = await runCli("assess", plain, "--seeds", "1", "--parallel", "1");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("holds no aws_resiliencehub_resiliency_policy");
    expect(r.stderr).toContain("add a ResiliencePolicy construct");
  });

  test("bad flags name the flag, the value and the fix", async () => {
    const r = await runCli("assess", aurora, "--seeds", "0");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--seeds/);
  });
});

describe("assess: a policy written in plain Terraform (a public module's plan, terraform show -json)", () => {
  test("is read and assessed the same way: the cluster's zone target met, the region target not assessable in one region", async () => {
    const fixture = join(__dirname, "fixtures/realworld/aurora-postgresql-policy.plan.json");
    const { code, a } = await assessJson(fixture, SEEDS);
    expect(code).toBe(0);
    expect(a?.policies.map((p) => [p.policy, p.tier, p.databases.map((d) => d.database)])).toEqual([
      ["orders-critical", "Critical", ["module.aurora.aws_rds_cluster.this[0]"]],
    ]);
    expect(disruption(a, "az")).toMatchObject({ verdict: "met", runs: 4 });
    expect(disruption(a, "region")).toMatchObject({ verdict: "not-assessed", reason: expect.stringMatching(/^single region/) });
  }, 120_000);
});
