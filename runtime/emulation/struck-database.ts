/**
 * `--database`: which of the plan's databases a scenario that strikes one database strikes. Refused
 * before anything runs when it names no database of the plan, when the scenario strikes a zone or
 * every resource of a kind (so the flag would be ignored), or when the scenario cannot strike a
 * database of that kind — a run that silently struck another database would measure the wrong one.
 */
import type { Topology } from "../plan/topology";
import type { EmulationRegistry } from "../scenarios/registry";
import { ScenarioError } from "../scenarios/scenario-error";

export function assertStrikable(database: string, scenario: string, topology: Topology, registry: EmulationRegistry): void {
  const takers = registry.scenarios().filter((s) => s.strikesOneDatabase !== undefined);
  const kinds = registry.scenario(scenario)?.strikesOneDatabase;
  if (kinds === undefined)
    throw new ScenarioError(
      `--database chooses which database ${takers.map((s) => s.name).join(" and ")} strike; ${scenario} does not strike one database.`,
      [
        {
          path: "database",
          message: `given with --scenario ${scenario}`,
          expected: `one of the scenarios ${takers.map((s) => s.name).join(", ")}`,
        },
      ],
      `leave --database out (zonal scenarios take --az), or run ${takers.map((s) => s.name).join(" or ")}`,
    );
  const db = topology.databases.find((d) => d.address === database);
  if (!db) {
    const known = topology.databases.filter((d) => (kinds as readonly string[]).includes(d.kind)).map((d) => d.address);
    throw new ScenarioError(
      `--database ${database} is not a database of the plan.`,
      [
        {
          path: "database",
          message: `found "${database}"`,
          expected: known.length ? `one of ${known.join(", ")}` : `an ${kinds.join(", ")} database's address`,
        },
      ],
      known.length
        ? `pass a database's Terraform address, e.g. --database ${known[0]} (\`cdktf-resilience inspect\` lists them)`
        : `the plan holds no database ${scenario} strikes (${kinds.join(", ")}): leave --database out`,
    );
  }
  if (!(kinds as readonly string[]).includes(db.kind))
    throw new ScenarioError(
      `--database ${database} is ${db.kind}, which ${scenario} does not strike.`,
      [{ path: "database", message: `found a ${db.kind} database`, expected: `a database of kind ${kinds.join(", ")}` }],
      db.kind === "elasticache"
        ? "strike an ElastiCache replication group with cache-engine-crash, cache-node-failure or cache-test-failover"
        : `pick one of the plan's ${kinds.join(", ")} databases`,
    );
}
