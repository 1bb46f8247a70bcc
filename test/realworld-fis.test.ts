/**
 * Real plans with AWS's own FIS templates (test/fixtures/realworld, section "FIS templates" of its
 * README): what inspect, check, emulate and drill must answer. Each expectation is argued from AWS
 * or Terraform documentation, not from what the code does:
 *
 * [FIS-empty]   AWS FIS, Experiment options: with `emptyTargetResolutionMode` `fail` (the default)
 *               an experiment whose target resolves no resource fails; Troubleshooting, error code
 *               `InvalidTarget`: "Your target has a tag that does not resolve any resources".
 *               https://docs.aws.amazon.com/fis/latest/userguide/experiment-options.html
 *               https://docs.aws.amazon.com/fis/latest/userguide/troubleshooting.html
 * [FIS-tags]    AWS FIS, Targets: `resourceTags` select the resources that carry every listed tag.
 *               https://docs.aws.amazon.com/fis/latest/userguide/targets.html
 * [TF-tags]     Terraform AWS provider: a resource's `tags` are merged with the provider's
 *               `default_tags`; "tags with matching keys will overwrite those defined at the
 *               provider-level" (`tags_all`). website/docs/r/rds_cluster_instance.html.markdown and
 *               https://registry.terraform.io/providers/hashicorp/aws/latest/docs#default_tags-configuration-block
 * [FIS-actions] AWS FIS actions reference: `aws:elasticache:replicationgroup-interrupt-az-power`
 *               interrupts power to the target replication groups' nodes in the target's
 *               `availabilityZoneIdentifier`; `aws:ssm:send-command` runs an SSM document on EC2
 *               instances (nothing the plan's databases are).
 *               https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html
 * [EC-MAZ]      ElastiCache, Multi-AZ: with Multi-AZ and automatic failover a replica in another
 *               zone is promoted when the primary (or its zone) fails; the cluster keeps serving.
 *               https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html
 * [AU-HA]       Aurora, High availability: FailoverDBCluster promotes an Aurora Replica to writer;
 *               "if the primary instance fails, Aurora automatically fails over to a new primary"
 *               in another zone when the cluster has a replica there.
 *               https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html
 * [TF-count]    Terraform `count = 2` creates two instances of the resource.
 *               https://developer.hashicorp.com/terraform/language/meta-arguments/count
 * [TF-rds]      Terraform AWS provider, aws_rds_cluster: `storage_encrypted` defaults to false for a
 *               provisioned cluster — the SecureDefaults pack's RES-RDS-ENCRYPTION is an error.
 * [TF-data]     Terraform reads data sources when it plans, with the provider: the file alone does not
 *               fix `data.aws_availability_zones.available.names`, so neither the zones of the
 *               subnets built from it. https://developer.hashicorp.com/terraform/language/data-sources
 * [AZ-names]    The zones `aws_availability_zones` lists in eu-west-1 (`names`, the available zones
 *               of the provider's region): eu-west-1a, eu-west-1b, eu-west-1c.
 *               https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/availability_zones,
 *               https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html
 *
 * Exit codes (docs/reference/exit-codes.md): 0 held, 1 an invariant failed, 2 nothing was judged
 * (bad input, a plan whose verdict depends on values it does not fix, nothing to emulate, an
 * experiment whose target resolved to nothing, a drill template the emulator does not model).
 */
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadPlan } from "../runtime/plan/load-plan";
import { runCli, variantOf } from "./helpers/run-cli";

const REALWORLD = join(__dirname, "fixtures", "realworld");
const ELASTICACHE = join(REALWORLD, "elasticache-cluster-mode-fis.tf.json");
const AURORA = join(REALWORLD, "aurora-fis-tag-targeted.tf.json");
const SEED = ["--seed", "7", "--profile", "fast"];
/**
 * The ElastiCache plan as Terraform plans it in eu-west-1: [AZ-names] the data source's zones in
 * place of the expression that reads them, nothing else changed (what `terraform show -json` of
 * a plan would hold for the subnets).
 */
const ELASTICACHE_PLANNED = variantOf(ELASTICACHE, (doc) => {
  doc.locals.azs = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
});

interface DrillDoc {
  readonly drills: readonly {
    readonly template: string;
    readonly verdict: string;
    readonly problems?: readonly { readonly path: string; readonly message: string }[];
    readonly experiment?: { readonly state: string; readonly failure?: { readonly target: string; readonly why: string } };
    readonly modelled?: readonly { readonly resource: string; readonly struck: boolean }[];
    readonly failovers?: readonly { readonly resource: string; readonly fromAz: string; readonly toAz: string }[];
  }[];
}

const drillJson = async (plan: string, ...extra: string[]) => {
  const r = await runCli("drill", plan, ...SEED, "--json", ...extra);
  return { ...r, doc: JSON.parse(r.stdout) as DrillDoc };
};

describe("ElastiCache cluster mode with AWS's AZ power interruption template", () => {
  test("inspect: exit 0; two shards of a primary and three replicas, whose zones AWS picks", async () => {
    const r = await runCli("inspect", ELASTICACHE);
    expect(r.code).toBe(0);
    // num_node_groups = 2, replicas_per_node_group = 3; the zones come from a data source (known after apply).
    expect(r.stdout.match(/│ writer {3}│ \(AWS picks\)/g)).toHaveLength(2);
    expect(r.stdout.match(/│ failover │ \(AWS picks\)/g)).toHaveLength(6);
  });

  test("check: exit 0; Multi-AZ with automatic failover is on, so no multi-AZ finding", async () => {
    const r = await runCli("check", ELASTICACHE);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("RES-ELASTICACHE-MULTI-AZ");
  });

  test("as written, emulate and drill refuse to judge: the subnets' zones come from a data source (exit 2, the recipe)", async () => {
    // [TF-data] whether any node is in eu-west-1a, where the template strikes, depends on the subnets' zones.
    for (const command of [
      ["emulate", ELASTICACHE, "--scenario", "az-outage", ...SEED],
      ["drill", ELASTICACHE, ...SEED],
    ]) {
      const r = await runCli(...command);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^Cannot judge .*: the verdict depends on 3 values the plan does not fix:/);
      expect(r.stderr).toContain("- aws_subnet.private[0].availability_zone: data.aws_availability_zones.available.names");
      expect(r.stderr).toContain("terraform plan -out p && terraform show -json p > plan.json");
    }
  });

  test("drill: the tag selects the group through default_tags, the zone's primaries fail over, every invariant holds (exit 0)", async () => {
    // [TF-tags] FIS-Ready=True comes from the provider's default_tags; [FIS-tags] it selects the group;
    // [FIS-actions] the zone's nodes lose power; [EC-MAZ] a replica elsewhere is promoted.
    const { code, doc } = await drillJson(ELASTICACHE_PLANNED);
    expect(code).toBe(0);
    const [d] = doc.drills;
    expect(d?.verdict).toBe("held");
    expect(d?.experiment?.state).toBe("completed");
    // The mock cloud's group and the replication group's clients: both reached.
    expect(d?.modelled?.map((m) => m.struck)).toEqual([true, true]);
    for (const f of d?.failovers ?? []) expect([f.fromAz, f.toAz === "eu-west-1a"]).toEqual(["eu-west-1a", false]);
  });

  test("drill without the tag: the experiment fails, the command names the target and exits 2", async () => {
    // [FIS-empty] no replication group carries FIS-Ready=True, so FIS fails the experiment.
    const untagged = variantOf(ELASTICACHE_PLANNED, (doc) => {
      delete doc.provider.aws[0].default_tags;
    });
    const { code, doc, stderr } = await drillJson(untagged);
    expect(code).toBe(2);
    expect(doc.drills[0]?.experiment?.failure).toMatchObject({ target: "elasticache-replication-groups" });
    expect(stderr).toMatch(/target elasticache-replication-groups .*resolved to no resource.*FIS-Ready=True/s);
  });

  test("a resource's own tag wins over default_tags: FIS-Ready=False on the group leaves the target empty (exit 2)", async () => {
    // [TF-tags] matching keys on the resource overwrite the provider's default_tags.
    const overridden = variantOf(ELASTICACHE_PLANNED, (doc) => {
      doc.resource.aws_elasticache_replication_group.this.tags = { "FIS-Ready": "False" };
    });
    const { code, doc } = await drillJson(overridden);
    expect(code).toBe(2);
    expect(doc.drills[0]?.experiment?.failure?.why).toMatch(/has FIS-Ready=False/);
  });

  test("the action's former id runs the same experiment", async () => {
    // [FIS-actions] the action launched as aws:elasticache:interrupt-cluster-az-power; templates written then still run.
    const old = variantOf(ELASTICACHE_PLANNED, (doc) => {
      doc.resource.aws_fis_experiment_template.elasticache_az_power_interruption.action[0].action_id =
        "aws:elasticache:interrupt-cluster-az-power";
    });
    const [now, before] = await Promise.all([drillJson(ELASTICACHE_PLANNED), drillJson(old)]);
    expect(before.code).toBe(0);
    expect(before.doc.drills[0]?.failovers).toEqual(now.doc.drills[0]?.failovers);
  });

  test("emulate az-outage: the first zone's primaries fail over, every invariant holds (exit 0)", async () => {
    // [EC-MAZ] Multi-AZ with automatic failover survives the loss of one zone.
    const r = await runCli("emulate", ELASTICACHE_PLANNED, "--scenario", "az-outage", ...SEED);
    expect([r.code, r.stdout.trim().split("\n").at(-2)]).toEqual([0, "Every invariant held."]);
  });

  test("emulate writer-crash: an RDS reboot reaches nothing in a cache-only plan, so nothing is judged (exit 2)", async () => {
    // [FIS-actions] aws:rds:reboot-db-instances targets aws:rds:db; the plan has none.
    const r = await runCli("emulate", ELASTICACHE_PLANNED, "--scenario", "writer-crash", ...SEED);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Not judged: nothing to emulate: writer-crash struck nothing/);
    expect(r.stdout).not.toContain("Every invariant held");
  });
});

describe("Aurora with AWS's tag-targeted templates", () => {
  test("inspect: exit 0; [TF-count] count = 2 makes a writer and a replica, each carrying its own tags", async () => {
    expect((await runCli("inspect", AURORA)).code).toBe(0);
    const [db] = loadPlan(AURORA).databases;
    expect(db?.instances.map((i) => i.address)).toEqual([
      "aws_rds_cluster_instance.cluster_instances[0]",
      "aws_rds_cluster_instance.cluster_instances[1]",
    ]);
  });

  test("check: exit 1, storage is not encrypted", async () => {
    // [TF-rds] storage_encrypted is not set: the default is false.
    const r = await runCli("check", AURORA);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error +│ RES-RDS-ENCRYPTION +│ aws_rds_cluster\.default/);
  });

  test("the load-test template is valid for FIS but not modelled: emulate refuses it (exit 2), naming the action", async () => {
    // [FIS-actions] aws:ssm:send-command runs a document on EC2 instances: nothing the emulator runs.
    const r = await runCli("emulate", AURORA, "--scenario", "aurora_postgres_cluster_loadtest_failover", ...SEED);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('actions.RunLoadTest.actionId: "aws:ssm:send-command" is an AWS FIS action the emulator does not model');
  });

  test("drill reports the load-test template as not run and still runs the failover template", async () => {
    const { doc, stderr } = await drillJson(AURORA);
    expect(doc.drills.map((d) => [d.template.split(".")[1], d.verdict === "not-run"])).toEqual([
      ["aurora_cluster_failover", false],
      ["aurora_postgres_cluster_loadtest_failover", true],
    ]);
    // [FIS-tags] the cluster carries FIS-Ready=True on its own tags: the failover template resolved it.
    expect(doc.drills[0]?.experiment?.state).toBe("completed");
    expect(doc.drills[0]?.modelled?.every((m) => m.struck)).toBe(true);
    expect(stderr).toContain("NOT RUN: aws_fis_experiment_template.aurora_postgres_cluster_loadtest_failover");
  });

  test("without the tag, the failover template's experiment fails and names its target", async () => {
    // [FIS-empty] no cluster carries FIS-Ready=True.
    const untagged = variantOf(AURORA, (doc) => {
      delete doc.resource.aws_rds_cluster.default.tags;
    });
    const { doc } = await drillJson(untagged, "--template", "aurora_cluster_failover");
    expect(doc.drills[0]?.experiment?.failure).toMatchObject({ target: "Clusters-Target-1" });
    expect(doc.drills[0]?.experiment?.failure?.why).toMatch(/aws_rds_cluster\.default has no FIS-Ready tag/);
  });

  test("drill: the failover held, the load-test template was not run: exit 2, never 0", async () => {
    // [AU-HA] the replica is promoted: the failover template holds; a template that was not run
    // keeps the command from reporting a pass.
    const { code, doc } = await drillJson(AURORA);
    expect([code, doc.drills[0]?.verdict]).toEqual([2, "held"]);
  });

  test("drill --template aurora_cluster_failover: the replica is promoted, exit 0", async () => {
    const { code, doc } = await drillJson(AURORA, "--template", "aurora_cluster_failover");
    expect([code, doc.drills[0]?.failovers?.length]).toEqual([0, 1]);
  });

  test("without the tag: exit 2 (the experiment failed, nothing was judged)", async () => {
    const untagged = variantOf(AURORA, (doc) => {
      delete doc.resource.aws_rds_cluster.default.tags;
    });
    expect((await runCli("drill", untagged, ...SEED, "--template", "aurora_cluster_failover")).code).toBe(2);
  });

  test("emulate az-outage and writer-crash: the replica keeps the cluster writable, exit 0", async () => {
    // [AU-HA] a zone loss fails over to the replica in another zone; a reboot restarts the writer in place.
    for (const scenario of ["az-outage", "writer-crash"])
      expect((await runCli("emulate", AURORA, "--scenario", scenario, ...SEED)).code).toBe(0);
  });
});
