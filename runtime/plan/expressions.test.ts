import { describe, expect, test } from "vitest";
import { hasInterpolation, parseTemplate } from "./expressions";

describe("Terraform string expressions", () => {
  test("a whole-string reference parses to type, name and attribute", () => {
    expect(parseTemplate("${aws_kms_key.Orders_Key_594A494E.arn}")).toEqual([
      {
        kind: "ref",
        source: "aws_kms_key.Orders_Key_594A494E.arn",
        ref: { kind: "resource", type: "aws_kms_key", name: "Orders_Key_594A494E", attribute: "arn" },
      },
    ]);
  });

  test("names may contain hyphens, as cdktf emits them", () => {
    const [part] = parseTemplate("${aws_subnet.Private-a.id}");
    expect(part).toMatchObject({ kind: "ref", ref: { type: "aws_subnet", name: "Private-a", attribute: "id" } });
  });

  test("a whole-resource reference (depends_on) has an empty attribute", () => {
    const [part] = parseTemplate("${aws_rds_cluster_instance.Writer}");
    expect(part).toMatchObject({ kind: "ref", ref: { type: "aws_rds_cluster_instance", name: "Writer", attribute: "" } });
  });

  test("data sources, variables and locals are told apart", () => {
    expect(parseTemplate("${data.aws_vpc.main.id}")[0]).toMatchObject({ ref: { kind: "data", type: "aws_vpc", name: "main" } });
    expect(parseTemplate("${var.region}")[0]).toMatchObject({ ref: { kind: "var", name: "region" } });
    expect(parseTemplate("${local.tags}")[0]).toMatchObject({ ref: { kind: "local", name: "tags" } });
  });

  test("templates mix literal text and references", () => {
    expect(parseTemplate("db-${var.env}-final").map((p) => p.kind)).toEqual(["literal", "ref", "literal"]);
  });

  test("function calls stay opaque but expose the resources they mention", () => {
    const [part] = parseTemplate('${element(aws_subnet.a.*.id, 0)}-${formatdate("YYYY", timestamp())}');
    expect(part).toEqual({
      kind: "expression",
      source: "element(aws_subnet.a.*.id, 0)",
      refs: [{ kind: "resource", type: "aws_subnet", name: "a", attribute: "" }],
    });
  });

  test("quoted text inside a function call is not mistaken for a reference", () => {
    const [part] = parseTemplate('${format("%s.%s", "aws_fake.x", var.y)}');
    expect(part).toEqual({ kind: "expression", source: 'format("%s.%s", "aws_fake.x", var.y)', refs: [{ kind: "var", name: "y" }] });
  });

  test("$${ is Terraform's escape for a literal ${", () => {
    expect(hasInterpolation("echo $${HOME}")).toBe(false);
    expect(parseTemplate("echo $${HOME}")).toEqual([{ kind: "literal", text: "echo ${HOME}" }]);
  });
});
