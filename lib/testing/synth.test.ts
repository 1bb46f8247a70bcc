import { describe, expect, test } from "vitest";
import { Acknowledge, SecureDefaults } from "..";
import { Aspects, AwsProvider, RdsCluster, TerraformStack, Testing } from "../private/cdktf";
import { synth } from ".";

describe("synth", () => {
  test("runs validations unless asked not to, unlike cdktf's Testing.synth", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    stack.node.addValidation({ validate: () => ["always wrong"] });
    expect(() => synth(stack)).toThrow("always wrong");
    expect(() => synth(stack, { validations: false })).not.toThrow();
  });

  test("writes exactly what Testing.synth writes, plus the acknowledgements SecureDefaults put in the plan", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const db = new RdsCluster(stack, "Db", {
      engine: "aurora-postgresql",
      clusterIdentifier: "x",
      storageEncrypted: false,
      tags: { Name: "x", _a: "y" },
    });
    Acknowledge.of(db).add("RES-RDS-ENCRYPTION", "scratch");
    Aspects.of(stack).add(new SecureDefaults());
    expect(() => synth(stack)).toThrow(); // other rules still fail; the acknowledgement is written anyway
    const withAcks = synth(stack, { validations: false });
    const ackBlock = /\n {8}"\/\/": \{\n[\s\S]*?\n {8}\},/;
    expect(withAcks).toMatch(ackBlock);
    expect(withAcks.replace(ackBlock, "")).toBe(Testing.synth(stack, false));
  });
});
