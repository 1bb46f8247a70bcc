/**
 * `--database`: a scenario that strikes one database strikes the one named, so `assess` measures
 * every governed database of a plan, not only the first. Judged from what each database's own
 * clients saw (their recovery rows) and from what the run says it struck — not from the option.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { emulate } from "../runtime/emulation/emulate";
import { parsePlan } from "../runtime/plan/load-plan";
import { assessJson } from "./helpers/assess-cli";
import { synthExample, writePlan } from "./helpers/examples";
import { type PlanDoc, runCli, variantOf } from "./helpers/run-cli";
import { scenarioErrorOf } from "./helpers/scenario-error";

const aurora = writePlan(synthExample("aurora-postgres"));
const FIRST = `aws_rds_cluster.${Object.keys((JSON.parse(readFileSync(aurora, "utf8")) as PlanDoc).resource.aws_rds_cluster)[0]}`;
const SECOND = "aws_rds_cluster.Payments";

/** The Aurora example with a second cluster, `Payments`: the same writer, standby and reader, under the same policy tag. */
const twoClusters = variantOf(aurora, (doc) => {
  const clusters = doc.resource.aws_rds_cluster as Record<string, PlanDoc>;
  const instances = doc.resource.aws_rds_cluster_instance as Record<string, PlanDoc>;
  const first = Object.values(clusters)[0] as PlanDoc;
  clusters.Payments = { ...structuredClone(first), cluster_identifier: "aurora-postgres-payments" };
  for (const [name, i] of Object.entries({ ...instances }))
    instances[`${name}_payments`] = {
      ...structuredClone(i),
      identifier: `${i.identifier}-payments`,
      cluster_identifier: "${aws_rds_cluster.Payments.id}",
    };
});
const topology = parsePlan(readFileSync(twoClusters, "utf8"), twoClusters);

describe("--database: which database writer-crash and instance-failure strike", () => {
  test.each(["writer-crash", "instance-failure"])(
    "%s strikes the named cluster: its clients see an outage, the other's see none",
    (scenario) => {
      for (const [struck, spared] of [
        [SECOND, FIRST],
        [FIRST, SECOND],
      ] as const) {
        const { result } = emulate({ topology, scenario, seed: 3, profile: "fast", database: struck });
        const row = (db: string) => result.recovery?.find((r) => r.database === db);
        expect(row(struck)?.longestOutageMs).toBeGreaterThan(0);
        expect(row(spared)?.longestOutageMs).toBe(0);
        expect(result.modelled.find((m) => m.resource === struck)?.struck).toBe(true);
        expect(result.modelled.find((m) => m.resource === spared)?.struck).toBe(false);
      }
    },
  );

  test("without it, the first cluster with a writer is struck, as before", () => {
    const { result } = emulate({ topology, scenario: "writer-crash", seed: 3, profile: "fast" });
    expect(result.recovery?.find((r) => r.database === FIRST)?.longestOutageMs).toBeGreaterThan(0);
    expect(result.recovery?.find((r) => r.database === SECOND)?.longestOutageMs).toBe(0);
  });

  test("refused before anything runs: an address the plan lacks, a scenario that strikes a zone, a database the scenario cannot strike", () => {
    expect(scenarioErrorOf(() => emulate({ topology, scenario: "writer-crash", seed: 1, database: "aws_rds_cluster.Nope" }))).toMatch(
      /--database aws_rds_cluster\.Nope is not a database of the plan/,
    );
    expect(scenarioErrorOf(() => emulate({ topology, scenario: "az-outage", seed: 1, database: SECOND }))).toMatch(
      /az-outage does not strike one database/,
    );
    const cache = parsePlan(readFileSync(writePlan(synthExample("elasticache"), "elasticache"), "utf8"));
    const group = cache.databases.find((d) => d.kind === "elasticache")?.address as string;
    expect(scenarioErrorOf(() => emulate({ topology: cache, scenario: "writer-crash", seed: 1, database: group }))).toMatch(
      /is elasticache, which writer-crash does not strike/,
    );
  });

  test("the CLI exits 2 with the field, the value and the fix; the replay command carries --database", async () => {
    const bad = await runCli("emulate", twoClusters, "--scenario", "writer-crash", "--database", "aws_rds_cluster.Nope");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`database: found "aws_rds_cluster.Nope"; expected one of ${FIRST}, ${SECOND}`);
    const ok = await runCli("emulate", twoClusters, "--scenario", "writer-crash", "--database", SECOND);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      new RegExp(
        `^Replay: cdktf-resilience emulate \\S+ --scenario writer-crash --seed 1 --profile realistic --database ${SECOND.replace(".", "\\.")}$`,
        "m",
      ),
    );
  }, 60_000);
});

describe("assess measures software and hardware disruption of every governed cluster, not only the first", () => {
  test("two clusters under one policy: each row is measured from its own writer's faults", async () => {
    const { code, a } = await assessJson(twoClusters, "2");
    expect(code).toBe(0);
    const rows = a?.policies[0]?.databases ?? [];
    expect(rows.map((r) => r.database).sort()).toEqual([FIRST, SECOND].sort());
    for (const r of rows)
      for (const type of ["software", "hardware"]) {
        const d = r.disruptions.find((x) => x.type === type);
        expect(d?.verdict).toBe("met");
        expect(d?.runs).toBe(2);
        expect(d?.scenarios).toEqual([`${type === "software" ? "writer-crash" : "instance-failure"} --database ${r.database}`]);
        expect(d?.rto?.maxMs).toBeGreaterThan(0);
      }
  }, 180_000);
});
