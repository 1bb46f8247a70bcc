import { describe, expect, test } from "vitest";
import { docBlocks, runDocExample } from "./helpers/docs";

const PAGE = "docs/emulator/failover.md";

describe(`${PAGE}: Failover pair`, () => {
  test("the example prints exactly the timeline shown under it, every time", () => {
    const [code, shown] = docBlocks(PAGE, "Failover pair");
    expect(code?.lang).toBe("ts");
    expect(runDocExample(code?.text ?? "", "failover")).toBe(shown?.text);
    expect(runDocExample(code?.text ?? "", "failover")).toBe(shown?.text);
  });
});
