import { describe, expect, test } from "vitest";
import { cloudWorld } from "../../../test/helpers/cloud";
import type { CloudEvent } from "../api/misc-types";

const SPOT_RULE = {
  source: ["aws.ec2"],
  "detail-type": ["EC2 Spot Instance Interruption Warning", "EC2 Instance Rebalance Recommendation"],
};

function spotWorld() {
  const w = cloudWorld();
  const r = w.cloud.call("RunInstances", {
    InstanceType: "r6g.large",
    MinCount: 1,
    MaxCount: 1,
    Placement: { AvailabilityZone: "us-east-1b" },
    InstanceMarketOptions: { MarketType: "spot" },
  });
  w.sim.runFor(60_000);
  return { ...w, id: r.ok ? (r.value.Instances[0]?.InstanceId as string) : "" };
}

describe("EventBridge delivery", () => {
  test("a spot interruption: rebalance recommendation, warning, then the termination, each delivered in order; the warning 120 s before the reclaim", () => {
    const { sim, cloud, id } = spotWorld();
    cloud.events.addRule({
      name: "spot",
      bus: "default",
      pattern: SPOT_RULE,
      enabled: true,
      targets: [{ Id: "queue", Arn: "aws_sqs_queue.spot" }],
    });
    const seen: { atMs: number; event: CloudEvent }[] = [];
    cloud.events.subscribe({ targetArn: "aws_sqs_queue.spot" }, (event) => seen.push({ atMs: sim.nowMs, event }));
    const states: CloudEvent[] = [];
    cloud.events.subscribe(
      { pattern: { "detail-type": ["EC2 Instance State-change Notification"], detail: { state: ["terminated"] } } },
      (e) => states.push(e),
    );
    cloud.ec2.interruptSpot(id, "experiment", 180_000);
    sim.runFor(400_000);
    expect(seen.map((s) => [s.event["detail-type"], s.event.time])).toEqual([
      ["EC2 Instance Rebalance Recommendation", 60_000],
      ["EC2 Spot Instance Interruption Warning", 240_000],
    ]);
    expect(seen.every((s) => s.atMs > s.event.time && s.atMs <= s.event.time + 1_000)).toBe(true);
    expect(seen[1]?.event.detail).toEqual({ "instance-id": id, "instance-action": "terminate" });
    expect(states.map((e) => e.time)).toEqual([360_000]);
    expect((states[0]?.time ?? 0) - (seen[1]?.event.time ?? 0)).toBe(120_000);
  });

  test("a subscriber with an actor's timers receives nothing while the actor is down", () => {
    const { sim, cloud, id } = spotWorld();
    let got = 0;
    sim.spawn("handler", {
      zone: "us-east-1c",
      boot: (ctx) => {
        cloud.events.subscribe({ pattern: SPOT_RULE }, () => got++, ctx.timers);
        return { receive() {} };
      },
    });
    sim.faults.crash("handler");
    cloud.ec2.interruptSpot(id, "experiment");
    sim.runFor(10_000);
    expect(got).toBe(0);
  });

  test("PutRule, PutTargets and PutEvents route custom events; reserved sources, bad details, bad patterns and unknown rules are refused", () => {
    const { sim, cloud, traced } = cloudWorld();
    expect(cloud.call("PutRule", { Name: "orders", EventPattern: JSON.stringify({ source: ["app.orders"] }) })).toMatchObject({
      ok: true,
      value: { RuleArn: "arn:aws:events:us-east-1:123456789012:rule/orders" },
    });
    expect(cloud.call("PutTargets", { Rule: "orders", Targets: [{ Id: "t", Arn: "arn:aws:sqs:us-east-1:123456789012:q" }] })).toMatchObject(
      { ok: true, value: { FailedEntryCount: 0 } },
    );
    const put = cloud.call("PutEvents", {
      Entries: [
        { Source: "app.orders", DetailType: "Order Placed", Detail: '{"id":1}' },
        { Source: "aws.ec2", DetailType: "Fake", Detail: "{}" },
        { Source: "app.orders", DetailType: "Broken", Detail: "not json" },
      ],
    });
    expect(put).toMatchObject({
      ok: true,
      value: {
        FailedEntryCount: 2,
        Entries: [{ EventId: "event-1" }, { ErrorCode: "NotAuthorizedForSourceException" }, { ErrorCode: "MalformedDetail" }],
      },
    });
    sim.runFor(2_000);
    expect(traced("deliver").map((l) => l.replace(/^\d+ /, ""))).toEqual(["deliver orders event-1 target=t"]);
    expect(cloud.call("PutTargets", { Rule: "nope", Targets: [] })).toMatchObject({
      ok: false,
      error: { code: "ResourceNotFoundException" },
    });
    expect(cloud.call("PutRule", { Name: "x", EventPattern: "{" })).toMatchObject({ ok: false, error: { code: "InvalidParameterValue" } });
    expect(cloud.call("PutRule", { Name: "x", EventPattern: '{"source":"aws.ec2"}' })).toMatchObject({
      ok: false,
      error: { code: "InvalidParameterValue" },
    });
  });

  test("a rate() rule fires its scheduled event to its targets every period", () => {
    const { sim, cloud } = cloudWorld();
    cloud.events.addRule({ name: "tick", bus: "default", everyMs: 300_000, enabled: true, targets: [{ Id: "t", Arn: "fn" }] });
    const times: number[] = [];
    cloud.events.subscribe({ rule: "tick" }, (e) => times.push(e.time));
    sim.runFor(1_000_000);
    expect(times).toEqual([300_000, 600_000, 900_000]);
  });
});
