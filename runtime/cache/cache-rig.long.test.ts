import { expect, test } from "vitest";
import { failingSeeds } from "../../test/helpers/swarms";
import { runCacheSwarm } from "../checkers/cache-survival/cache-swarm";

test("the cache fault swarm, 1,000 seeds of random crashes, withheld acks, torn writes, power loss and crashes during recovery: no violation", () => {
  expect(failingSeeds(1_000, (seed) => runCacheSwarm(seed))).toEqual([]);
}, 600_000);
