import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { evaluate } from "./evaluate";
import { callFunction, EVALUATED_FUNCTIONS } from "./functions";
import { TERRAFORM_CONSOLE } from "./oracle-table";
import { parseExpression, parseJsonTemplate } from "./parser";
import { convert, parseType } from "./types";
import { Ref, toData, Unknown, type Value } from "./values";

const empty = { lookup: () => undefined };

/** What Terraform's jsonencode would print for the loader's value. */
function json(v: Value): string {
  const sorted = (x: Value): unknown => {
    if (Array.isArray(x)) return x.map(sorted);
    if (x !== null && typeof x === "object")
      return Object.fromEntries(
        Object.keys(x)
          .sort()
          .map((k) => [k, sorted((x as Record<string, Value>)[k] as Value)]),
      );
    return x;
  };
  return JSON.stringify(sorted(toData(v)));
}

describe("the expression language agrees with terraform console", () => {
  test.each(TERRAFORM_CONSOLE)("%s", (expression, expected) => {
    expect(json(evaluate(parseExpression(expression), empty))).toBe(expected);
  });

  const terraform = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
  test.runIf(terraform)(
    "the table is what the installed terraform prints (the oracle, re-asked)",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "tf-console-"));
      const disagree: string[] = [];
      for (const [expression, expected] of TERRAFORM_CONSOLE.slice(0, 25)) {
        const out = execFileSync("terraform", ["console"], {
          cwd: dir,
          input: `jsonencode(${expression})\n`,
          encoding: "utf8",
          stdio: ["pipe", "pipe", "ignore"],
        });
        const printed = JSON.stringify(JSON.parse(JSON.parse(out.trim())));
        if (printed !== expected) disagree.push(`${expression}: terraform ${printed}, table ${expected}`);
      }
      expect(disagree).toEqual([]);
    },
    60_000,
  );
});

describe("unknown values", () => {
  const u = new Unknown(["var.x has no default"], ["aws_x.y"]);

  test("a strict function of an unknown argument is unknown, keeping why and where from", () => {
    const v = callFunction("upper", [u]);
    expect(v).toBeInstanceOf(Unknown);
    expect((v as Unknown).why).toEqual(["var.x has no default"]);
    expect((v as Unknown).refs).toEqual(["aws_x.y"]);
  });

  test("length of a list with unknown elements is known, as in Terraform", () => {
    expect(callFunction("length", [[u, "a"]])).toBe(2);
  });

  test("one, coalesce and element pass a value read from a resource on, with where it came from", () => {
    const ref = new Ref({ address: "aws_rds_cluster.this[0]", attribute: "id" }, "orders");
    expect(callFunction("one", [[ref]])).toBe(ref);
    expect(callFunction("coalesce", [null, ref])).toBe(ref);
    expect(callFunction("element", [[ref], 0])).toBe(ref);
  });

  test("functions that depend on the machine or the clock are unknown, not guessed", () => {
    expect((callFunction("timestamp", []) as Unknown).why).toEqual(["timestamp() depends on the machine or the time Terraform runs"]);
    expect((callFunction("file", ["x"]) as Unknown).why[0]).toContain("depends on the machine");
  });

  test("a conditional on an unknown is unknown; on a known it picks its branch", () => {
    const scope = { lookup: (n: string) => (n === "x" ? u : undefined) };
    expect(evaluate(parseExpression('x ? "a" : "b"'), scope)).toBeInstanceOf(Unknown);
    expect(evaluate(parseExpression('x == null ? "a" : "b"'), { lookup: () => null })).toBe("a");
  });
});

describe("templates in Terraform JSON strings", () => {
  test("$${ is a literal ${, and a string with only an interpolation is the value itself", () => {
    expect(evaluate(parseJsonTemplate("echo $${HOME}"), empty)).toBe("echo ${HOME}");
    expect(evaluate(parseJsonTemplate("${[1, 2]}"), empty)).toEqual([1, 2]);
  });

  test("names may contain hyphens, as cdktf writes them", () => {
    const scope = { lookup: (n: string) => (n === "aws_subnet" ? { "Private-a": { id: "subnet-1" } } : undefined) };
    expect(evaluate(parseJsonTemplate("${aws_subnet.Private-a.id}"), scope)).toBe("subnet-1");
  });
});

describe("variable types convert values as Terraform does", () => {
  test("optional attributes are filled with their default, or null; extra attributes are dropped", () => {
    const t = parseType("map(object({ tier = optional(number, 1), class = optional(string), az = string }))");
    expect(convert({ a: { az: "x", extra: true }, b: { az: "y", tier: "3" } }, t)).toEqual({
      a: { tier: 1, class: null, az: "x" },
      b: { tier: 3, class: null, az: "y" },
    });
  });

  test("a type written as ${...} (as hcl2json and cdktf write it) is read the same", () => {
    expect(parseType("${list(string)}")).toEqual({ k: "list", of: { k: "string" } });
  });
});

test("the functions the loader evaluates are listed for the docs", () => {
  expect(EVALUATED_FUNCTIONS).toContain("cidrsubnet");
  expect(EVALUATED_FUNCTIONS).toContain("try");
});
