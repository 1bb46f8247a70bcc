import { expect, test } from "vitest";
import { failingSeeds } from "../../test/helpers/swarms";
import { runStorageSwarm } from "../checkers/storage-control-plane/storage-swarm";

test("the storage fault swarm, 1,000 seeds of clones, hibernation, silent hosts, task failures and recoveries: every invariant holds", () => {
  expect(failingSeeds(1_000, runStorageSwarm)).toEqual([]);
}, 600_000);
