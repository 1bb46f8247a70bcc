import { describe, expect, test } from "vitest";
import { matchesPattern, patternProblem } from "./event-pattern";

const event = {
  source: "aws.ec2",
  "detail-type": "EC2 Spot Instance Interruption Warning",
  resources: ["arn:aws:ec2:us-east-1:1:instance/i-1", "arn:x"],
  detail: { "instance-id": "i-1", "instance-action": "terminate", weight: 3 },
};

describe("EventBridge event patterns", () => {
  test.each<[string, object, boolean]>([
    ["exact values, any of a list", { source: ["aws.rds", "aws.ec2"] }, true],
    ["every key must match", { source: ["aws.ec2"], "detail-type": ["EC2 Instance Rebalance Recommendation"] }, false],
    ["nested detail fields", { detail: { "instance-action": ["terminate"] } }, true],
    ["an array field matches when any element does", { resources: ["arn:x"] }, true],
    ["prefix", { "detail-type": [{ prefix: "EC2 Spot" }] }, true],
    ["suffix", { "detail-type": [{ suffix: "Warning" }] }, true],
    ["anything-but", { source: [{ "anything-but": ["aws.ec2"] }] }, false],
    ["exists false on a present field", { detail: { "instance-id": [{ exists: false }] } }, false],
    ["exists true on an absent field", { detail: { missing: [{ exists: true }] } }, false],
    ["numeric ranges", { detail: { weight: [{ numeric: [">", 2, "<=", 3] }] } }, true],
    ["a missing object level", { nothing: { here: ["x"] } }, false],
  ])("%s", (_name, pattern, expected) => {
    expect(matchesPattern(pattern as never, event)).toBe(expected);
  });

  test("patterns the matcher does not understand are named", () => {
    expect(patternProblem({ source: ["aws.ec2"] })).toBeUndefined();
    expect(patternProblem({ source: "aws.ec2" })).toBe("$.source: expected an object whose leaves are arrays of values");
    expect(patternProblem({ source: [{ wildcard: "aws.*" }] })).toBe('$.source: unsupported matcher {"wildcard":"aws.*"}');
    expect(patternProblem([])).toBe("$: expected an object whose leaves are arrays of values");
  });
});
