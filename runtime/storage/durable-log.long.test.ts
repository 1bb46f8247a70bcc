import { expect, test } from "vitest";
import { durableLogSwarm } from "../../test/helpers/swarms";

test("the durable log crash swarm, 300 seeds: nothing acknowledged lost, nothing stale or torn accepted, lives increase", () => {
  const r = durableLogSwarm(300);
  expect(r.violations).toEqual([]);
  expect(r.acknowledgedNothing).toEqual([]);
  expect(r.torn).toBeGreaterThan(0);
  expect(r.beyondAcked).toBeGreaterThan(300);
}, 600_000);
