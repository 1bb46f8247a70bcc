/**
 * The documentation is one connected set of pages inside the clone: every page under docs/ is
 * reachable from README.md, every relative link lands on a file (and heading) that exists, and
 * no page points at documents a reader of the repository cannot open.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, sep } from "node:path";
import { describe, expect, test } from "vitest";
import { ROOT } from "./helpers/dist";
import { documentationPages, headingsOf, linksOf } from "./helpers/docs";

/** A link that leaves the repository (a URL, mail), or stays on the page (`#anchor`). */
const isExternal = (href: string) => /^[a-z][a-z0-9+.-]*:/i.test(href);

/** Where a relative link of `page` points: the repository-relative path and the anchor, if any. */
function target(page: string, href: string): { path: string; anchor: string | undefined } {
  const [path = "", anchor] = href.split("#");
  const resolved = path === "" ? page : normalize(join(dirname(page), decodeURIComponent(path)));
  return { path: resolved.split(sep).join("/"), anchor };
}

const pages = documentationPages();

describe("documentation links", () => {
  test("the pages are README.md and the docs/ tree", () => {
    expect(pages[0]).toBe("README.md");
    expect(pages).toContain("docs/README.md");
  });

  test.each(pages)("every relative link of %s resolves to a file in the clone, and to a heading of it", (page) => {
    const broken: string[] = [];
    for (const href of linksOf(page)) {
      if (isExternal(href)) continue;
      const { path, anchor } = target(page, href);
      if (path.startsWith("..")) {
        broken.push(`${href}: points outside the repository`);
        continue;
      }
      if (!existsSync(join(ROOT, path))) {
        broken.push(`${href}: ${path} does not exist`);
        continue;
      }
      if (anchor === undefined || !path.endsWith(".md") || statSync(join(ROOT, path)).isDirectory()) continue;
      const anchors = headingsOf(path).map((h) => h.anchor);
      if (!anchors.includes(anchor)) broken.push(`${href}: ${path} has no heading #${anchor} (it has ${anchors.join(", ")})`);
    }
    expect(broken).toEqual([]);
  });

  test("every page under docs/ is reachable from README.md through relative links", () => {
    const reached = new Set<string>(["README.md"]);
    const queue = ["README.md"];
    for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
      for (const href of linksOf(page)) {
        if (isExternal(href)) continue;
        const { path } = target(page, href);
        if (path.endsWith(".md") && existsSync(join(ROOT, path)) && !reached.has(path)) {
          reached.add(path);
          queue.push(path);
        }
      }
    }
    expect(pages.filter((p) => !reached.has(p))).toEqual([]);
  });
});

describe("documentation words", () => {
  test("README.md stays a page a user finishes: at most 15 KB", () => {
    expect(statSync(join(ROOT, "README.md")).size).toBeLessThanOrEqual(15 * 1024);
  });

  // References a reader cannot resolve: numbered documents outside the repository, their sections
  // and figures, and the design notes that live outside the clone.
  test.each(pages)("%s names things by what they do, not by outside documents", (page) => {
    const text = readFileSync(join(ROOT, page), "utf8");
    const found = text.split("\n").filter((line) => /seed 00|patent|claim [0-9]|§|\bFIG\.|DESIGN\.md/i.test(line));
    expect(found).toEqual([]);
  });
});
