/**
 * Hostile and huge input at the CLI's edges, one test per attack: each reproduces what the attack
 * did (a device turned into a file, a hung FIFO, a retitled terminal, a stack trace) and shows the
 * fixed behaviour. Devices are never the real /dev: a temporary folder holds a FIFO, symbolic links
 * and character-device stand-ins made with mknod (null, full and zero: the same kernel drivers).
 */
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { run } from "../runtime/cli/main";
import { isTerminalSafe } from "../runtime/cli/terminal-text";
import { cli } from "./helpers/cli";
import { cliBin } from "./helpers/dist";
import { synthAuroraExample, writePlan } from "./helpers/examples";

const PLAN_TEXT = synthAuroraExample();
const PLAN = writePlan(PLAN_TEXT);
const FAST = ["--scenario", "writer-crash", "--seed", "1", "--profile", "fast"];

/** Runs the CLI in this process; returns the exit code and what it printed. */
async function cliRun(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), "hostile-"));
}

const isRoot = process.getuid?.() === 0;

/** A character device at `path` with the kernel's (major, minor), or false where mknod is not allowed. */
function mknod(path: string, minor: 3 | 5 | 7): boolean {
  return spawnSync("mknod", [path, "c", "1", String(minor)]).status === 0;
}

function mkfifo(path: string): void {
  const r = spawnSync("mkfifo", [path]);
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
}

const temporaries = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

describe("output files: nothing is clobbered, everything is checked before the run", () => {
  test("a character device (a /dev/null stand-in) is refused before the run, and stays a device", async () => {
    const dir = freshDir();
    const dev = join(dir, "null");
    if (!mknod(dev, 3)) return void expect(isRoot).toBe(false);
    const r = await cliRun("emulate", PLAN, ...FAST, "--report", dev);
    expect(r).toMatchObject({ code: 2, stdout: "" });
    expect(r.stderr).toMatch(
      /^--report \S+null is a character device, not a regular file; replacing it with a file would break it\.\nFix: .*--report - for standard output, or add --force/,
    );
    expect(lstatSync(dev).isCharacterDevice()).toBe(true);
    // With --force the report is written into the device, as a shell redirection would; it stays a device.
    expect((await cliRun("emulate", PLAN, ...FAST, "--report", dev, "--force")).code).toBe(0);
    expect(lstatSync(dev).isCharacterDevice()).toBe(true);
    expect(temporaries(dir)).toEqual([]);
  });

  test("a FIFO and a symbolic link are refused without --force; the link is not replaced by a file", async () => {
    const dir = freshDir();
    const fifo = join(dir, "pipe");
    mkfifo(fifo);
    const r1 = await cliRun("emulate", PLAN, ...FAST, "--trace", fifo);
    expect([r1.code, r1.stderr]).toEqual([2, expect.stringMatching(/^--trace \S+pipe is a FIFO \(named pipe\), not a regular file/)]);
    const real = join(dir, "real.html");
    writeFileSync(real, "kept");
    const link = join(dir, "link.html");
    symlinkSync(real, link);
    const r2 = await cliRun("emulate", PLAN, ...FAST, "--report", link);
    expect([r2.code, r2.stderr]).toEqual([
      2,
      expect.stringMatching(/^--report \S+link\.html is a symbolic link; writing would replace what it points at/),
    ]);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, "utf8")).toBe("kept");
    // --force writes through the link: the link stays a link, its target gets the report.
    expect((await cliRun("emulate", PLAN, ...FAST, "--report", link, "--force")).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, "utf8")).toContain("<!doctype html>");
    // --force into a FIFO nobody reads: an error at once instead of a hang
    const r3 = await cliRun("emulate", PLAN, ...FAST, "--trace", fifo, "--force");
    expect([r3.code, r3.stderr]).toEqual([
      2,
      expect.stringMatching(/--trace \S+pipe could not be written: the FIFO has no reader \(ENXIO\)/),
    ]);
  });

  test("an existing file is never overwritten without --force", async () => {
    const dir = freshDir();
    const file = join(dir, "r.html");
    writeFileSync(file, "previous");
    const r = await cliRun("emulate", PLAN, ...FAST, "--report", file);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(/^--report \S+r\.html already exists\.\nFix: name a new file, or add --force to replace it/);
    expect(readFileSync(file, "utf8")).toBe("previous");
    expect((await cliRun("emulate", PLAN, ...FAST, "--report", file, "--force")).code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("Every invariant held.");
    expect(temporaries(dir)).toEqual([]);
  });

  test.each<[string, (dir: string) => string, RegExp]>([
    ["an empty name", () => "", /^--report "" is an empty file name\./],
    ["a path in a missing folder", (d) => join(d, "no", "such", "r.html"), /is in a folder that does not exist/],
    ["a 250-character file name (whose temporary name used to be too long)", (d) => join(d, `${"r".repeat(245)}.html`), /^__OK__$/],
    [
      "a 300-character file name",
      (d) => join(d, `${"r".repeat(295)}.html`),
      /has a file name of 300 bytes; file systems allow at most 255/,
    ],
    ["a folder", (d) => d, /is a folder\.\nFix: name a file/],
  ])("%s: checked before the run; the valid --trace beside it is not written", async (_, path, message) => {
    const dir = freshDir();
    const trace = join(dir, "trace.txt");
    const report = path(dir);
    const r = await cliRun("emulate", PLAN, ...FAST, "--trace", trace, "--report", report);
    if (message.source === "^__OK__$") {
      // 250 characters is a legal name: the report is written, through a temporary name that fits.
      expect(r.code).toBe(0);
      expect(readFileSync(report, "utf8")).toContain("</html>");
    } else {
      expect([r.code, r.stdout]).toEqual([2, ""]);
      expect(r.stderr).toMatch(message);
      expect(existsSync(trace)).toBe(false);
    }
    expect(temporaries(dir)).toEqual([]);
  });

  test("an unwritable folder is refused before the run (as a non-root user; root writes anywhere)", async () => {
    if (isRoot) {
      // Root ignores permission bits; a read-only mount is what stops it (next test).
      return;
    }
    const dir = freshDir();
    chmodSync(dir, 0o555);
    const r = await cliRun("emulate", PLAN, ...FAST, "--report", join(dir, "r.html"));
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/cannot be written: permission denied/)]);
  });

  test("- writes to standard output; the summary moves to standard error; two outputs cannot share it", async () => {
    const r = await cliRun("emulate", PLAN, ...FAST, "--report", "-");
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("<!doctype html>")).toBe(true);
    expect(r.stderr).toContain("Every invariant held.");
    const t = await cliRun("emulate", PLAN, ...FAST, "--trace", "-");
    expect(t.stdout.split("\n")[0]).toMatch(/^0 0 seed world seed=1 scenario=writer-crash$/);
    const both = await cliRun("emulate", PLAN, ...FAST, "--trace", "-", "--report", "-");
    expect([both.code, both.stderr]).toEqual([2, expect.stringMatching(/^--report - and --trace - both write to standard output/)]);
    const json = await cliRun("emulate", PLAN, ...FAST, "--json", "--report", "-");
    expect([json.code, json.stderr]).toEqual([2, expect.stringMatching(/^--report - and --json both write to standard output/)]);
  });
});

/** `unshare -m` works here (root in a container, or a user namespace): a private tmpfs can fill up. */
const privateMounts = spawnSync("unshare", ["-m", "true"]).status === 0;

describe.skipIf(!privateMounts)("a full disk (a one-page tmpfs in a private mount namespace)", () => {
  test("ENOSPC: exit 2 naming the flag and the cause, the temporary file removed, no report, not exit 70", () => {
    const mnt = freshDir();
    const report = join(mnt, "r.html");
    const script = `mount -t tmpfs -o size=4k tmpfs "${mnt}" && "${process.execPath}" "${cliBin()}" emulate "${PLAN}" ${FAST.join(" ")} --report "${report}"; echo "exit=$?"; ls -A "${mnt}"`;
    const r = spawnSync("unshare", ["-m", "sh", "-c", script], { encoding: "utf8" });
    expect(r.stdout).toContain("exit=2");
    expect(r.stderr).toMatch(
      /--report \S+r\.html could not be written: no space left on the device holding \S+ \(ENOSPC\); nothing was left in its place/,
    );
    expect(r.stderr).not.toContain("internal error");
    // ls of the full file system after the run: empty (no report, no .tmp)
    expect(r.stdout.trim().split("\n").at(-1)).toBe("exit=2");
    // the run's own result was still printed before the error
    expect(r.stdout).toContain("Every invariant held.");
  });

  test("a read-only file system is refused before the run", () => {
    const mnt = freshDir();
    const script = `mount -t tmpfs -o ro tmpfs "${mnt}" && "${process.execPath}" "${cliBin()}" emulate "${PLAN}" ${FAST.join(" ")} --report "${join(mnt, "r.html")}"; echo "exit=$?"`;
    const r = spawnSync("unshare", ["-m", "sh", "-c", script], { encoding: "utf8" });
    expect(r.stdout).toBe("exit=2\n");
    expect(r.stderr).toMatch(/is on a read-only file system/);
  });
});

test("a /dev/full stand-in with --force: the write fails with ENOSPC, exit 2, and the device is left as it was", async () => {
  const dir = freshDir();
  const full = join(dir, "full");
  if (!mknod(full, 7)) return void expect(isRoot).toBe(false);
  const r = await cliRun("emulate", PLAN, ...FAST, "--report", full, "--force");
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/--report \S+full could not be written: no space left .*\(ENOSPC\)/);
  expect(lstatSync(full).isCharacterDevice()).toBe(true);
});

test("SIGINT in the middle of a run leaves no report, no trace and no temporary file", async () => {
  // A run long enough to be interrupted (12 virtual hours after the outage), and a signal sent when
  // about half of it is done: the time of one whole run is measured first, on this machine, under
  // this load, since a fixed delay is either past the end of the run on an idle machine or still
  // in Node's start-up on a loaded one.
  const scenario = join(freshDir(), "long-outage.json");
  writeFileSync(
    scenario,
    JSON.stringify({
      name: "long-outage",
      description: "zone a loses power for 30 minutes, then the experiment waits 12 hours",
      actions: {
        power: { actionId: "sim:az:power-loss", parameters: { availabilityZoneIdentifier: "us-east-1a", duration: "PT30M" } },
        wait: { actionId: "aws:fis:wait", parameters: { duration: "PT12H" } },
      },
    }),
  );
  const argv = [cliBin(), "emulate", PLAN, "--scenario", scenario, "--seed", "1"];
  const started = Date.now();
  expect(spawnSync(process.execPath, argv).status).toBe(0);
  const wholeRunMs = Date.now() - started;

  const dir = freshDir();
  const child = spawn(process.execPath, [...argv, "--trace", join(dir, "t.txt"), "--report", join(dir, "r.html")]);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on("exit", (code, signal) => r({ code, signal })),
  );
  await new Promise((r) => setTimeout(r, wholeRunMs / 2));
  child.kill("SIGINT");
  expect(await exited).toEqual({ code: null, signal: "SIGINT" });
  expect(readdirSync(dir)).toEqual([]);
}, 120_000);

describe("terminal escape injection: every printed line is free of control characters", () => {
  const TITLE = "\u001b]0;pwned\u0007";
  const RED = "\u001b[31m";
  // Identifiers with control characters are refused at load (see "identifiers AWS would reject");
  // a tag value is free text, so it carries the escapes to every printer.
  const hostile = PLAN_TEXT.replaceAll(
    '"resilience:topology": "Orders"',
    `"resilience:topology": ${JSON.stringify(`Orders${TITLE}${RED}\u202etxt.exe`)}`,
  );
  const plan = writePlan(hostile);

  // [command, argv, whether its output quotes the identifier]
  test.each<[string, string[], boolean]>([
    ["inspect", ["inspect", plan], true],
    ["inspect --json", ["inspect", plan, "--json"], true],
    ["check", ["check", plan], false],
    ["emulate", ["emulate", plan, ...FAST], false],
    // replay prints identifiers and addresses, which the loader now holds to AWS's and Terraform's charsets
    ["replay", ["replay", plan, ...FAST], false],
    ["drill", ["drill", plan, "--profile", "fast"], false],
    ["an unknown option carrying escapes", ["inspect", plan, `--${TITLE}`], true],
    ["a missing plan named with escapes", ["inspect", `/nonexistent/${RED}.json`], true],
  ])("%s", async (_, argv, quotes) => {
    expect(hostile).toContain("\\u001b]0;pwned\\u0007");
    const r = await cliRun(...argv);
    expect([0, 1, 2]).toContain(r.code);
    expect(isTerminalSafe(r.stdout), r.stdout.slice(0, 300)).toBe(true);
    expect(isTerminalSafe(r.stderr), r.stderr.slice(0, 300)).toBe(true);
    // what was hidden is shown: the escapes are visible as \u001b
    if (quotes) expect(`${r.stdout}${r.stderr}`).toMatch(/\\u001b/);
  });

  test("--json stays valid JSON with the same values (the escape is JSON's own)", async () => {
    const r = await cliRun("inspect", plan, "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { databases: { topology?: string }[] };
    expect(doc.databases.map((d) => d.topology)).toContain(`Orders${TITLE}${RED}\u202etxt.exe`);
  });

  test("the built binary's stderr too (the internal-error path included)", () => {
    const r = cli("inspect", `/nonexistent/${TITLE}.json`);
    expect(r.code).toBe(2);
    expect(isTerminalSafe(r.stderr)).toBe(true);
    expect(r.stderr).toContain("\\u001b]0;pwned\\u0007");
  });
});

describe("plan and scenario files are read through one bounded reader", () => {
  let dir: string;
  beforeAll(() => {
    dir = freshDir();
  });

  test("a FIFO as the plan is refused at once instead of hanging", () => {
    const fifo = join(dir, "plan.fifo");
    mkfifo(fifo);
    const r = spawnSync(process.execPath, [cliBin(), "inspect", fifo], { encoding: "utf8", timeout: 20_000 });
    expect(r.signal).toBeNull();
    expect([r.status, r.stderr]).toEqual([
      2,
      `Cannot read plan ${fifo}: it is a FIFO (named pipe), not a regular file.\nFix: pass the path of a regular file\n`,
    ]);
  });

  test("a FIFO as the scenario file is refused at once instead of hanging", () => {
    const fifo = join(dir, "scenario.json");
    mkfifo(fifo);
    const r = spawnSync(process.execPath, [cliBin(), "emulate", PLAN, "--scenario", fifo, "--seed", "1"], {
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("- $: it is a FIFO (named pipe), not a regular file;");
  });

  test("a /dev/zero stand-in as the plan is refused before a byte is read", async () => {
    const zero = join(dir, "zero");
    if (!mknod(zero, 5)) return void expect(isRoot).toBe(false);
    const r = await cliRun("inspect", zero);
    expect([r.code, r.stderr]).toEqual([
      2,
      `Cannot read plan ${zero}: it is a character device, not a regular file.\nFix: pass the path of a regular file\n`,
    ]);
  });

  test("a file over the size cap is refused by its size (a sparse 300 MiB file: no disk used); the flag raises the cap", async () => {
    const big = join(dir, "big.tf.json");
    writeFileSync(big, "");
    truncateSync(big, 300 * 1024 * 1024);
    const r = await cliRun("inspect", big);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `Cannot read plan ${big}: it is 300 MiB (314572800 bytes), over the input size cap of 256 MiB.\nFix: pass a smaller file, or raise the cap with --max-input-size (up to 512 MiB)\n`,
    );
    const small = await cliRun("inspect", PLAN, "--max-input-size", "1KiB");
    expect(small.stderr).toMatch(/over the input size cap of 1\.0 KiB/);
    const bad = await cliRun("inspect", PLAN, "--max-input-size", "lots");
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/^--max-input-size lots is not a size from 1 byte to 512 MiB/)]);
  });

  test("a UTF-8 byte order mark is accepted", async () => {
    const bom = join(dir, "bom.tf.json");
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PLAN_TEXT)]));
    expect((await cliRun("inspect", bom)).code).toBe(0);
    expect((await cliRun("check", bom)).code).toBe(0);
  });

  test.each<[string, Buffer, string]>([
    [
      "UTF-16 LE with a BOM",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"x":1}', "utf16le")]),
      "it is UTF-16 text (little-endian, with a byte order mark)",
    ],
    [
      "UTF-16 BE with a BOM",
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('{"x":1}', "utf16le").swap16()]),
      "it is UTF-16 text (big-endian, with a byte order mark)",
    ],
    ["UTF-16 LE without a BOM", Buffer.from('{"x":1}', "utf16le"), "it looks like UTF-16 text (little-endian)"],
    ["UTF-32 LE with a BOM", Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]), "it is UTF-32 text (little-endian, with a byte order mark)"],
    ["Latin-1 bytes", Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]), "it is not UTF-8 text (invalid byte sequences)"],
  ])("%s is named, with the fix", async (name, bytes, reason) => {
    const f = join(dir, `${name.replace(/\W+/g, "-")}.json`);
    writeFileSync(f, bytes);
    const r = await cliRun("inspect", f);
    expect([r.code, r.stderr]).toEqual([
      2,
      `Cannot read plan ${f}: ${reason}.\nFix: save it as UTF-8 (e.g. \`iconv -t UTF-8\`, or your editor's 'Save with encoding')\n`,
    ]);
  });

  test("a symbolic link loop is reported as a loop, not as a missing file", async () => {
    const a = join(dir, "loop-a.json");
    const b = join(dir, "loop-b.json");
    symlinkSync(b, a);
    symlinkSync(a, b);
    const r = await cliRun("inspect", a);
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/it is a symbolic link loop \(ELOOP/)]);
    const s = await cliRun("emulate", PLAN, "--scenario", a, "--seed", "1");
    expect([s.code, s.stderr]).toEqual([2, expect.stringMatching(/- \$: it is a symbolic link loop \(ELOOP/)]);
    const dangling = join(dir, "dangling.json");
    symlinkSync(join(dir, "nowhere.json"), dangling);
    expect((await cliRun("inspect", dangling)).stderr).toMatch(/it is a symbolic link to \S+nowhere\.json, which does not exist/);
  });

  test("a duplicate key in the plan is refused with its JSON path, as Terraform refuses it", async () => {
    const dup = PLAN_TEXT.replace(
      '"cluster_identifier": "aurora-postgres-orders",',
      '"cluster_identifier": "aurora-postgres-orders",\n        "cluster_identifier": "other",',
    );
    expect(dup).not.toBe(PLAN_TEXT);
    const f = join(dir, "dup.tf.json");
    writeFileSync(f, dup);
    const r = await cliRun("inspect", f);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^\S+dup\.tf\.json is not a valid Terraform JSON plan \(1 problem\):\n- \$\.resource\.aws_rds_cluster\.Orders_[A-F0-9]{8}\.cluster_identifier: the key "cluster_identifier" appears more than once in this object/,
    );
  });

  test("a duplicate key in a scenario file is refused with its JSON path", async () => {
    const f = join(dir, "dup-scenario.json");
    writeFileSync(f, '{"actions":{"w":{"actionId":"aws:fis:wait","parameters":{"duration":"PT1M","duration":"PT12H"}}}}');
    const r = await cliRun("emulate", PLAN, "--scenario", f, "--seed", "1");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`- $.actions.w.parameters.duration: the key "duration" appears more than once in this object`);
  });
});

describe("flags that crashed or did nothing", () => {
  test("campaign --first-seed 9007199254740991 --seeds 2: exit 2 naming the flag and the range, no stack trace", async () => {
    const r = await cliRun("campaign", PLAN, "--first-seed", "9007199254740991", "--seeds", "2", "--scenario", "writer-crash");
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toBe(
      "--first-seed 9007199254740991 with 2 seeds runs to seed 9007199254740992, past the largest seed 9007199254740991 (seeds are integers from 0 to 2^53-1).\nFix: pass --first-seed 9007199254740990 or less, or fewer seeds\n",
    );
  });

  test("campaign --parallel beyond the cores is refused unless --force", async () => {
    const cores = availableParallelism();
    const args = ["campaign", PLAN, "--parallel", String(cores + 1), "--seeds", "1", "--scenario", "writer-crash", "--profile", "fast"];
    const r = await cliRun(...args);
    expect([r.code, r.stderr]).toEqual([
      2,
      expect.stringMatching(new RegExp(`^--parallel ${cores + 1} is more worker threads than this machine's ${cores} available core`)),
    ]);
    expect((await cliRun(...args, "--force")).code).toBe(0);
  }, 120_000);

  test("replay --kind nosuchkind: exit 2 listing the kinds of the run (it printed nothing and exited 0)", async () => {
    const r = await cliRun("replay", PLAN, ...FAST, "--kind", "fault,nosuchkind");
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(
      /^--kind fault,nosuchkind names a kind no event of this run has \(nosuchkind\)\.\nFix: pass kinds from: .*\bboot\b.*\brds\b.*\bviolation\b/,
    );
    // a kernel kind that simply did not happen is not an error: a clean run has no violation lines
    const clean = await cliRun("replay", PLAN, ...FAST, "--kind", "violation");
    expect([clean.code, clean.stdout]).toEqual([0, ""]);
  });
});

describe("plans that ended in a stack trace (exit 70) or were accepted against AWS's rules", () => {
  const ORDERS = '"cluster_identifier": "aurora-postgres-orders"';
  const LOCAL_CHAIN = Array.from({ length: 4999 }, (_, i) => `"l${i + 1}": "\${local.l${i}}"`).join(", ");
  const variant = (replace: string, by: string) => {
    expect(PLAN_TEXT).toContain(replace);
    return writePlan(PLAN_TEXT.replace(replace, by));
  };

  test.each<[string, () => string, RegExp]>([
    [
      "a newline in an identifier",
      () => variant(ORDERS, '"cluster_identifier": "orders\\nstatus=failed"'),
      /\.cluster_identifier: "orders\\nstatus=failed": it holds U\+000A \(a control character\); expected a RDS identifier/,
    ],
    [
      "an identifier that forges a report lane",
      () => variant(ORDERS, '"cluster_identifier": "FORGED-LANE status=failed"'),
      /\.cluster_identifier: "FORGED-LANE status=failed": it holds a space;/,
    ],
    [
      "a zone name with a space",
      () => variant('"availability_zone": "us-east-1a"', '"availability_zone": "us east-1a"'),
      /\.availability_zone: "us east-1a" is not an Availability Zone name or id;/,
    ],
    [
      "nesting 5,000 levels in an attribute",
      () => variant(ORDERS, `${ORDERS}, "x": ${"[".repeat(5000)}1${"]".repeat(5000)}`),
      /\.x[[\]0]+… \(\d+ more characters\): the document nests deeper than 256 levels/,
    ],
    [
      "a 5,000-long chain of locals",
      () =>
        writePlan(
          PLAN_TEXT.replace("{", `{"locals": {"l0": "orders", ${LOCAL_CHAIN}},`).replace(ORDERS, '"cluster_identifier": "${local.l4999}"'),
        ),
      /^\S+ is not a valid Terraform JSON plan \(1 problem\):\n- local\.l\d+: a chain of more than 64 references/,
    ],
    [
      "promotion_tier -5",
      () => variant('"promotion_tier": 1', '"promotion_tier": -5'),
      /\.promotion_tier: found -5, out of range; expected a whole number from 0 to 15/,
    ],
    [
      "promotion_tier 1e999",
      () => variant('"promotion_tier": 1', '"promotion_tier": 1e999'),
      /\.promotion_tier: the number 1e999 is too large to be finite/,
    ],
  ])("%s: exit 2 naming the path and the rule", async (_, plan, message) => {
    for (const verb of ["inspect", "check"]) {
      const r = await cliRun(verb, plan());
      expect([r.code, r.stdout]).toEqual([2, ""]);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/\nFix: /);
    }
  });

  test("the chain of locals only matters when something reads it", async () => {
    const unread = writePlan(PLAN_TEXT.replace("{", `{"locals": {"l0": "orders", ${LOCAL_CHAIN}},`));
    expect((await cliRun("inspect", unread)).code).toBe(0);
    const read = writePlan(
      PLAN_TEXT.replace("{", `{"locals": {"l0": "orders", ${LOCAL_CHAIN}},`).replace(ORDERS, '"cluster_identifier": "${local.l4999}"'),
    );
    expect((await cliRun("inspect", read)).code).toBe(2);
  });

  test("PERCENT(1000) and COUNT(0) in a scenario file: exit 2 naming the target and AWS's range", async () => {
    const dir = freshDir();
    for (const [mode, why] of [
      ["PERCENT(1000)", 'found "PERCENT(1000)": a percentage is from 1 to 100'],
      ["COUNT(0)", 'found "COUNT(0)": COUNT selects at least one target'],
    ]) {
      const f = join(dir, `${mode}.json`);
      writeFileSync(
        f,
        JSON.stringify({
          description: "d",
          targets: { c: { resourceType: "aws:rds:cluster", resourceTags: { "resilience:role": "coordinator" }, selectionMode: mode } },
          actions: { f: { actionId: "aws:rds:failover-db-cluster", targets: { Clusters: "c" } } },
          stopConditions: [{ source: "none" }],
        }),
      );
      const r = await cliRun("emulate", PLAN, "--scenario", f, "--seed", "1");
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`.targets.c.selectionMode: ${why}; expected ALL, COUNT(n) with n ≥ 1, or PERCENT(n) with n from 1 to 100`);
    }
  });
});

describe("keys such as __proto__ are data", () => {
  test("an unencrypted cluster named __proto__ is inspected, checked and emulated like any other", async () => {
    const text = readFileSync(join(__dirname, "fixtures", "hand-written-aurora.tf.json"), "utf8").replace(
      '"aws_rds_cluster": {\n      "this"',
      '"aws_rds_cluster": {\n      "__proto__"',
    );
    expect(text).toContain('"__proto__": {');
    const plan = writePlan(
      text
        .replaceAll("aws_rds_cluster.this.", "aws_rds_cluster.__proto__.")
        .replace('"storage_encrypted": "true"', '"storage_encrypted": false'),
    );
    const inspect = await cliRun("inspect", plan, "--json");
    expect(inspect.code).toBe(0);
    const doc = JSON.parse(inspect.stdout) as { databases: { address: string; storageEncrypted: boolean; instances: unknown[] }[] };
    expect(doc.databases.map((d) => [d.address, d.storageEncrypted, d.instances.length])).toEqual([
      ["aws_rds_cluster.__proto__", false, 3],
    ]);
    const check = await cliRun("check", plan);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/aws_rds_cluster\.__proto__/);
    const emulated = await cliRun("emulate", plan, ...FAST);
    expect([0, 1]).toContain(emulated.code);
    expect(emulated.stdout + emulated.stderr).toMatch(/__proto__/);
    expect(({} as Record<string, unknown>).storage_encrypted).toBeUndefined();
  });
});
