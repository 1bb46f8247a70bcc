import { describe, expect, test } from "vitest";
import { docBlocks, runDocExample } from "./helpers/docs";

const PAGE = "docs/emulator/mock-cloud.md";

describe(`${PAGE}: The mock cloud`, () => {
  test("the example prints exactly the output shown under it, every time", () => {
    const [code, shown] = docBlocks(PAGE, "The mock cloud");
    expect(code?.lang).toBe("ts");
    expect(runDocExample(code?.text ?? "", "mock-cloud")).toBe(shown?.text);
    expect(runDocExample(code?.text ?? "", "mock-cloud")).toBe(shown?.text);
  });
});
