/**
 * EventBridge: the default bus, rules with event patterns (or `rate(...)` schedules) and their
 * targets. AWS services of the mock put their events here (spot interruption warnings, instance
 * state changes, RDS failover events); rules loaded from the plan route them to the plan's targets
 * (traced as `deliver`), and runtime components subscribe to a rule, a target ARN or a pattern.
 *
 * Delivery: each event reaches each matching target after `eventDeliveryMs`; one target sees its
 * events in the order they were put (AWS does not promise order; the mock keeps it per target so
 * a consumer's logic, not the mock, decides what happens when a warning precedes its reclaim).
 */
import type { Timers } from "../../sim/ports";
import type { OperationHandlers } from "../api/cloud-api";
import type {
  CloudEvent,
  PutEventsRequest,
  PutEventsResponse,
  PutRuleRequest,
  PutRuleResponse,
  PutTargetsRequest,
  PutTargetsResponse,
} from "../api/misc-types";
import type { CloudContext } from "../cloud-context";
import { type CloudResult, fail, ok } from "../cloud-result";
import { type EventPattern, matchesPattern, patternProblem } from "./event-pattern";

export interface EventTarget {
  readonly Id: string;
  readonly Arn: string;
}

export interface EventRule {
  readonly name: string;
  readonly arn: string;
  readonly bus: string;
  readonly pattern?: EventPattern;
  /** For `rate(...)` schedule rules: the period. */
  readonly everyMs?: number;
  readonly enabled: boolean;
  readonly targets: readonly EventTarget[];
  /** The plan's address, for rules loaded from a plan. */
  readonly address?: string;
}

/** What a subscriber listens to: a rule's deliveries, a target ARN's deliveries, or any event matching a pattern. */
export type Subscription = { readonly rule: string } | { readonly targetArn: string } | { readonly pattern: EventPattern };

interface Subscriber {
  readonly key: string;
  readonly on: Subscription;
  readonly handler: (event: CloudEvent) => void;
  readonly timers: Timers | undefined;
}

export class EventBus {
  private readonly rules = new Map<string, EventRule>();
  private subscribers: readonly Subscriber[] = [];
  /** Last delivery time per target, so each target sees events in order. */
  private readonly lastDeliveryMs = new Map<string, number>();
  private readonly random;
  private subscriptions = 0;

  constructor(private readonly ctx: CloudContext) {
    this.random = ctx.random.fork("events");
  }

  /** Every rule, in creation order. */
  list(): readonly EventRule[] {
    return [...this.rules.values()];
  }

  /** Adds or replaces a rule (plan rules at start, `PutRule` later). */
  addRule(rule: Omit<EventRule, "arn" | "targets"> & { readonly targets?: readonly EventTarget[] }): EventRule {
    const full: EventRule = {
      ...rule,
      arn: this.ctx.arn("events", `rule/${rule.bus === "default" ? "" : `${rule.bus}/`}${rule.name}`),
      targets: rule.targets ?? this.rules.get(rule.name)?.targets ?? [],
    };
    this.rules.set(rule.name, full);
    if (full.everyMs !== undefined && full.enabled)
      this.ctx.env.timers.every(
        full.everyMs,
        `schedule ${full.name}`,
        () => this.emitTo([full], "aws.events", "Scheduled Event", {}, [full.arn]),
        { background: true },
      );
    return full;
  }

  /**
   * Calls `handler` with every event delivered to `on`. With `timers` (an actor's), deliveries are
   * scheduled on them, so an actor that crashed receives nothing. Returns an unsubscribe function.
   */
  subscribe(on: Subscription, handler: (event: CloudEvent) => void, timers?: Timers): () => void {
    if ("pattern" in on) {
      const problem = patternProblem(on.pattern);
      if (problem) throw new RangeError(`subscribe: ${problem}`);
    }
    const s: Subscriber = { key: `subscription-${++this.subscriptions}`, on, handler, timers };
    this.subscribers = [...this.subscribers, s];
    return () => {
      this.subscribers = this.subscribers.filter((x) => x !== s);
    };
  }

  /** Puts an event from an AWS service of the mock (`aws.ec2`, `aws.rds`, …); returns it. */
  emit(source: string, detailType: string, detail: Readonly<Record<string, unknown>>, resources: readonly string[] = []): CloudEvent {
    return this.emitTo(undefined, source, detailType, detail, resources);
  }

  putEvents(req: PutEventsRequest): CloudResult<PutEventsResponse> {
    const entries: PutEventsResponse["Entries"][number][] = [];
    let failed = 0;
    for (const e of req.Entries) {
      let detail: unknown;
      try {
        detail = JSON.parse(e.Detail);
      } catch {
        detail = undefined;
      }
      if (detail === null || typeof detail !== "object" || Array.isArray(detail) || e.Source.startsWith("aws.")) {
        failed++;
        entries.push({
          ErrorCode: e.Source.startsWith("aws.") ? "NotAuthorizedForSourceException" : "MalformedDetail",
          ErrorMessage: e.Source.startsWith("aws.") ? `source ${e.Source} is reserved for AWS services` : "Detail is not a JSON object",
        });
        continue;
      }
      const event = this.emit(e.Source, e.DetailType, detail as Record<string, unknown>, e.Resources ?? []);
      entries.push({ EventId: event.id });
    }
    return ok({ FailedEntryCount: failed, Entries: entries });
  }

  putRule(req: PutRuleRequest): CloudResult<PutRuleResponse> {
    let pattern: unknown;
    try {
      pattern = JSON.parse(req.EventPattern);
    } catch {
      return fail("InvalidParameterValue", "EventPattern is not valid JSON");
    }
    const problem = patternProblem(pattern);
    if (problem) return fail("InvalidParameterValue", `Event pattern is not valid: ${problem}`);
    const rule = this.addRule({
      name: req.Name,
      bus: req.EventBusName ?? "default",
      pattern: pattern as EventPattern,
      enabled: (req.State ?? "ENABLED") === "ENABLED",
    });
    return ok({ RuleArn: rule.arn });
  }

  putTargets(req: PutTargetsRequest): CloudResult<PutTargetsResponse> {
    const rule = this.rules.get(req.Rule);
    if (!rule || rule.bus !== (req.EventBusName ?? "default")) return fail("ResourceNotFoundException", `Rule ${req.Rule} does not exist.`);
    const targets = [...rule.targets.filter((t) => !req.Targets.some((n) => n.Id === t.Id)), ...req.Targets];
    this.rules.set(rule.name, { ...rule, targets });
    return ok({ FailedEntryCount: 0 });
  }

  /** The EventBridge slice of the API. */
  operations(): Pick<OperationHandlers, "PutEvents" | "PutRule" | "PutTargets"> {
    return { PutEvents: (r) => this.putEvents(r), PutRule: (r) => this.putRule(r), PutTargets: (r) => this.putTargets(r) };
  }

  private emitTo(
    only: readonly EventRule[] | undefined,
    source: string,
    detailType: string,
    detail: Readonly<Record<string, unknown>>,
    resources: readonly string[],
  ): CloudEvent {
    const ctx = this.ctx;
    const event: CloudEvent = {
      version: "0",
      id: ctx.ids.seq("event"),
      "detail-type": detailType,
      source,
      account: ctx.account,
      time: ctx.nowMs,
      region: ctx.region,
      resources,
      detail,
    };
    ctx.note("event", "default", `${event.id} source=${source} type="${detailType}" resources=${resources.join(",") || "-"}`, event);
    const rules =
      only ?? [...this.rules.values()].filter((r) => r.enabled && r.bus === "default" && r.pattern && matchesPattern(r.pattern, event));
    for (const rule of rules)
      for (const target of rule.targets) {
        const subs = this.subscribers.filter(
          (s) => ("rule" in s.on && s.on.rule === rule.name) || ("targetArn" in s.on && s.on.targetArn === target.Arn),
        );
        this.deliver(`${rule.name}/${target.Id}`, event, () => {
          ctx.note("deliver", rule.name, `${event.id} target=${target.Id}`);
          for (const s of subs) if (!s.timers) s.handler(event);
        });
        for (const s of subs) if (s.timers) this.deliver(`${s.key}/${rule.name}/${target.Id}`, event, () => s.handler(event), s.timers);
      }
    for (const s of this.subscribers)
      if ("pattern" in s.on && matchesPattern(s.on.pattern, event)) this.deliver(s.key, event, () => s.handler(event), s.timers);
    return event;
  }

  private deliver(key: string, event: CloudEvent, action: () => void, timers: Timers = this.ctx.env.timers): void {
    const now = this.ctx.nowMs;
    const at = Math.max(now + this.ctx.draw(this.random, this.ctx.profile.eventDeliveryMs), this.lastDeliveryMs.get(key) ?? 0);
    this.lastDeliveryMs.set(key, at);
    timers.after(at - now, `event-delivery ${event.id}`, action);
  }
}
