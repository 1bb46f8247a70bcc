import { describe, expect, test } from "vitest";
import { readmeBlocks, runReadmeExample } from "./helpers/readme";

describe("README: Failover", () => {
  test("the example prints exactly the timeline shown under it, every time", () => {
    const [code, shown] = readmeBlocks("## Failover\n");
    expect(code?.lang).toBe("ts");
    expect(runReadmeExample(code?.text ?? "", "failover")).toBe(shown?.text);
    expect(runReadmeExample(code?.text ?? "", "failover")).toBe(shown?.text);
  });
});
