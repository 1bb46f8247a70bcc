import { describe, expect, test } from "vitest";
import { campaignRefusal } from "./campaign";

const skip = (plan: string, scenario: string) => ({ plan, scenario, why: `${plan} lacks what ${scenario} strikes` });

describe("which campaigns may not start", () => {
  test("a campaign with something to run starts, whatever else it skips (scenarios chosen by default)", () => {
    expect(campaignRefusal(["a", "b"], ["x", "y"], false, [skip("a", "x"), skip("b", "y"), skip("b", "x")])).toBeUndefined();
  });

  test("one where every plan × scenario is skipped is refused, listing each with why", () => {
    const r = campaignRefusal(["a"], ["x", "y"], false, [skip("a", "x"), skip("a", "y")]);
    expect(r?.flag).toBe("plan");
    expect(r?.problem).toBe(
      "holds nothing any of the 2 scenarios reaches, so the campaign would run nothing:\n  x on a: a lacks what x strikes\n  y on a: a lacks what y strikes",
    );
  });

  test("a scenario the user named that a plan cannot run is refused, even when others would run", () => {
    const r = campaignRefusal(["a", "b"], ["x", "y"], true, [skip("b", "y")]);
    expect(r).toMatchObject({ flag: "--scenario", value: "y", problem: "cannot run on b: b lacks what y strikes" });
    expect(r?.fix).toMatch(/^leave --scenario y out/);
    expect(campaignRefusal(["a", "b"], ["x", "y"], true, [])).toBeUndefined();
  });
});
