import { describe, expect, test } from "vitest";
import { readmeBlocks, runReadmeExample } from "./helpers/readme";

describe("README: The mock cloud", () => {
  test("the example prints exactly the output shown under it, every time", () => {
    const [code, shown] = readmeBlocks("## The mock cloud");
    expect(code?.lang).toBe("ts");
    expect(runReadmeExample(code?.text ?? "", "mock-cloud")).toBe(shown?.text);
    expect(runReadmeExample(code?.text ?? "", "mock-cloud")).toBe(shown?.text);
  });
});
