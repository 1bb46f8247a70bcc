import { describe, expect, test } from "vitest";
import { SeededRandom } from "../../sim/random";
import { choosePromotionTarget, sizeRank } from "./promotion";

const c = (id: string, promotionTier: number, instanceClass: string) => ({ id, promotionTier, instanceClass });

describe("which replica Aurora promotes", () => {
  test("the lowest tier wins, whatever the size", () => {
    expect(choosePromotionTarget([c("big", 2, "db.r6g.8xlarge"), c("small", 1, "db.t4g.medium")], new SeededRandom(1))?.id).toBe("small");
  });

  test("within a tier the largest instance wins", () => {
    expect(
      choosePromotionTarget([c("a", 1, "db.r6g.large"), c("b", 1, "db.r6g.2xlarge"), c("d", 1, "db.r6g.xlarge")], new SeededRandom(1))?.id,
    ).toBe("b");
  });

  test("a tie on tier and size is broken by the seed, the same way on every replay", () => {
    const pick = (seed: number) =>
      choosePromotionTarget([c("a", 1, "db.r6g.large"), c("b", 1, "db.r6g.large")], new SeededRandom(seed))?.id;
    const picks = Array.from({ length: 20 }, (_, s) => pick(s));
    expect(new Set(picks)).toEqual(new Set(["a", "b"]));
    expect(Array.from({ length: 20 }, (_, s) => pick(s))).toEqual(picks);
  });

  test("no candidates, no target; sizes rank by their suffix", () => {
    expect(choosePromotionTarget([], new SeededRandom(1))).toBeUndefined();
    expect(["db.t4g.micro", "db.r6g.large", "db.r6g.xlarge", "db.r6g.12xlarge", "db.serverless", "weird"].map(sizeRank)).toEqual([
      2, 8, 16, 192, 8, 0,
    ]);
  });
});
