import { expect, test } from "vitest";
import { singleZoneFaults } from "./helpers/swarms";

test("the failover pair has no violation on 500 seeds of single-zone faults (power, partition, leader crash, supporting zone)", () => {
  const { violations, faults } = singleZoneFaults(500);
  expect(violations).toEqual([]);
  expect(faults).toEqual(new Set(["power", "partition", "crash", "support-power"]));
}, 600_000);
