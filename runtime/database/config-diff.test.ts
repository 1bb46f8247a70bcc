import { describe, expect, test } from "vitest";
import { diffConfig } from "./config-diff";

const base = { nodeType: "ra3.xlplus", nodeCount: 4, keyId: "k1", network: ["sg-1", "sn"] };

describe("config diff (node count, key, network)", () => {
  test.each([
    ["a resize", { nodeCount: 3 }, { nodeCount: 3 }],
    ["a key rotation", { keyId: "k2" }, { keyId: "k2" }],
    ["a new security group", { network: ["sn", "sg-1", "sg-2"] }, { network: ["sg-1", "sg-2", "sn"] }],
    ["the same network in another order", { network: ["sn", "sg-1"] }, {}],
  ])("%s", (_, change, patch) => {
    expect(diffConfig(base, { ...base, ...change })).toEqual(patch);
  });
});
