import { describe, expect, test } from "vitest";
import { instanceMemoryGib } from "./instance-class";

describe("instance class memory", () => {
  test.each<[string, number]>([
    ["db.r6g.large", 16],
    ["db.r6g.2xlarge", 64],
    ["db.r7i.48xlarge", 1536],
    ["db.r6gd.xlarge", 32],
    ["db.x2g.large", 32],
    ["db.m5.large", 8],
    ["db.t4g.micro", 1],
    ["db.t4g.medium", 4],
    ["db.t4g.large", 8],
    ["db.t3.2xlarge", 32],
  ])("%s has %i GiB, as in the published class table", (cls, gib) => {
    expect(instanceMemoryGib(cls)).toBe(gib);
  });

  test.each(["db.serverless", "cache.r6g.large", "ra3.4xlarge", "${TfToken[TOKEN.3]}", "db.q9.large"])(
    "%s cannot be sized and is skipped",
    (cls) => {
      expect(instanceMemoryGib(cls)).toBeUndefined();
    },
  );
});
