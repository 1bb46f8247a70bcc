/**
 * Contingency designations: Terraform has no resource for "N instances designated for
 * a service in another zone", so `ContingencyCapacity` writes them twice — a
 * `contingency_designations_<id>` output (JSON, the whole designation) and a
 * `resilience:designated-count` tag on the spot pool. The runtime takes the designation from here,
 * never from the pool's `max_size`, and a plan whose pieces disagree (tag vs output, a pool that
 * may lease more than is designated, a pool or reservation in the wrong zone) is refused with one
 * problem per disagreement, naming the resource, both values and the fix.
 */
import { z } from "zod";
import { TAG } from "../../lib/contract/plan-contract";
import type { PlanFormat, PlanProblem } from "./plan-error";
import type { AutoScalingGroupNode, CapacityReservationNode, ContingencyDesignationNode } from "./topology-infrastructure";

/** Output names `ContingencyCapacity` writes (one per construct). */
export const DESIGNATION_OUTPUT_PREFIX = "contingency_designations";

const count = z.number().int().min(1).max(1000);

/** The output's JSON, as `ContingencyCapacity` writes it (zod at the edge: the runtime trusts nothing it did not check). */
const designationSchema = z
  .object({
    topology: z.string().min(1),
    mode: z.enum(["count", "named", "interruptible-reservation"]),
    primaryAvailabilityZone: z.string().min(1),
    contingencyAvailabilityZone: z.string().min(1),
    instanceType: z.string().min(1),
    primaryCount: count,
    designatedCount: count,
    designatedInstances: z.array(z.string().min(1)).min(1).optional(),
    minimumBidPerHour: z.number().positive(),
    spotPool: z.string().min(1),
  })
  .superRefine((d, ctx) => {
    if (d.mode === "named" && d.designatedInstances?.length !== d.designatedCount)
      ctx.addIssue({
        code: "custom",
        path: ["designatedInstances"],
        message: `named mode lists ${d.designatedInstances?.length ?? 0} instance(s) for a designatedCount of ${d.designatedCount}`,
      });
    if (d.mode !== "named" && d.designatedInstances !== undefined)
      ctx.addIssue({ code: "custom", path: ["designatedInstances"], message: `only named mode lists instances, the mode is ${d.mode}` });
  });

const REGENERATE = "re-run `cdktf synth` instead of editing cdk.tf.json, or make both say the same";

/** The designations of a plan (outputs first, then pools tagged without an output), problems pushed to `problems`. */
export function buildDesignations(
  outputs: Readonly<Record<string, unknown>>,
  pools: readonly AutoScalingGroupNode[],
  reservations: readonly CapacityReservationNode[],
  problems: PlanProblem[],
  format: PlanFormat = "terraform-json",
): ContingencyDesignationNode[] {
  const out: ContingencyDesignationNode[] = [];
  for (const [name, value] of Object.entries(outputs)) {
    if (!name.startsWith(DESIGNATION_OUTPUT_PREFIX)) continue;
    const path = format === "show-json" ? `$.planned_values.outputs.${name}.value` : `$.output.${name}.value`;
    const d = parseOutput(value, path, problems);
    if (!d) continue;
    const pool = pools.find((g) => g.name === d.spotPool);
    if (!pool) {
      problems.push({
        path,
        message: `names spot pool "${d.spotPool}", which no aws_autoscaling_group of the plan is named`,
        expected: `the name of the contingency pool's Auto Scaling group (${REGENERATE})`,
      });
      continue;
    }
    const reservation = reservations.find(
      (r) => r.role === "contingency" && r.topology === d.topology && r.availabilityZone === d.contingencyAvailabilityZone,
    );
    problems.push(...agreement(d, name, pool, reservation, reservations));
    out.push({
      output: name,
      ...d,
      pool: pool.address,
      ...(reservation ? { reservation: reservation.address } : {}),
      source: "output",
    });
  }
  // A plan written by hand may tag a pool without the output: count mode, from the tag alone.
  for (const pool of pools) {
    if (pool.role !== "contingency" || pool.designatedCount === undefined || out.some((d) => d.pool === pool.address)) continue;
    const primary = reservations.find((r) => r.role === "primary-capacity" && r.topology === pool.topology);
    const [zone] = pool.zones;
    const [type] = pool.instanceTypes;
    if (pool.topology === undefined || !primary?.availabilityZone || zone === undefined || type === undefined) continue;
    if (primary.instanceType !== type) {
      problems.push({
        path: `$.resource.${primary.address}.instance_type`,
        message: `the primary reservation holds ${primary.instanceType} but the contingency pool ${pool.address} launches ${type}, so the service's head node (a ${type}) could not launch on the reservation`,
        expected: `instance_type = "${type}", the type the service runs on`,
      });
      continue;
    }
    out.push({
      topology: pool.topology,
      mode: "count",
      primaryAvailabilityZone: primary.availabilityZone,
      contingencyAvailabilityZone: zone,
      instanceType: type,
      primaryCount: primary.instanceCount,
      designatedCount: pool.designatedCount,
      minimumBidPerHour: Number(pool.mixed?.spotMaxPrice ?? 0),
      spotPool: pool.name ?? pool.address,
      pool: pool.address,
      source: "tag",
    });
  }
  return out;
}

type Parsed = z.output<typeof designationSchema>;

function parseOutput(value: unknown, path: string, problems: PlanProblem[]): Parsed | undefined {
  const expected = `the JSON ContingencyCapacity writes (${REGENERATE})`;
  if (typeof value !== "string") {
    problems.push({ path, message: `found ${JSON.stringify(value) ?? "nothing"}, not a JSON string`, expected });
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch (e) {
    problems.push({ path, message: `is not JSON (${(e as Error).message})`, expected });
    return undefined;
  }
  const r = designationSchema.safeParse(json);
  if (r.success) return r.data;
  for (const issue of r.error.issues)
    problems.push({
      path: `${path}${issue.path.map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`)).join("")}`,
      message: issue.message,
      expected,
    });
  return undefined;
}

/** Where the designation disagrees with the resources it describes: one problem each. */
function agreement(
  d: Parsed,
  output: string,
  pool: AutoScalingGroupNode,
  contingencyReservation: CapacityReservationNode | undefined,
  reservations: readonly CapacityReservationNode[],
): PlanProblem[] {
  const out: PlanProblem[] = [];
  const poolPath = `$.resource.${pool.address}`;
  if (pool.designatedCount !== undefined && pool.designatedCount !== d.designatedCount)
    out.push({
      path: `${poolPath}.tag`,
      message: `${TAG.designatedCount} is ${pool.designatedCount} but output ${output} designates ${d.designatedCount}`,
      expected: `the same count in both (${REGENERATE})`,
    });
  if (pool.maxSize > d.designatedCount)
    out.push({
      path: `${poolPath}.max_size`,
      message: `the pool may lease ${pool.maxSize} instances but output ${output} designates ${d.designatedCount}, so a failover could not take every lease back`,
      expected: `max_size ≤ ${d.designatedCount}`,
    });
  const foreign = pool.zones.filter((z) => z !== d.contingencyAvailabilityZone);
  if (foreign.length > 0)
    out.push({
      path: `${poolPath}.vpc_zone_identifier`,
      message: `the pool launches in ${foreign.join(", ")}, outside the designated zone ${d.contingencyAvailabilityZone} of output ${output}`,
      expected: `subnets of ${d.contingencyAvailabilityZone} only`,
    });
  const primary = reservations.find((r) => r.role === "primary-capacity" && r.topology === d.topology);
  // The service's head node launches into the primary reservation as a d.instanceType: a reservation
  // of another type cannot take it (EC2 matches a reservation by instance type, platform and zone).
  if (primary !== undefined && primary.instanceType !== d.instanceType)
    out.push({
      path: `$.resource.${primary.address}.instance_type`,
      message: `the primary reservation holds ${primary.instanceType} but output ${output} runs the service on ${d.instanceType}, so its head node could not launch on the reservation`,
      expected: `instance_type = "${d.instanceType}" (or the designation's instanceType = "${primary.instanceType}")`,
    });
  if (pool.instanceTypes.length > 0 && !pool.instanceTypes.includes(d.instanceType))
    out.push({
      path: `$.resource.${pool.address}`,
      message: `the pool launches ${pool.instanceTypes.join(", ")}, not the designated ${d.instanceType} of output ${output}, so the designated capacity could not be leased or taken back`,
      expected: `a launch template or override of ${d.instanceType}`,
    });
  if (primary !== undefined && primary.instanceCount !== d.primaryCount)
    out.push({
      path: `$.resource.${primary.address}.instance_count`,
      message: `the primary reservation holds ${primary.instanceCount} but output ${output} says primaryCount ${d.primaryCount}`,
      expected: `the same count in both (${REGENERATE})`,
    });
  if (primary?.availabilityZone !== undefined && primary.availabilityZone !== d.primaryAvailabilityZone)
    out.push({
      path: `$.resource.${primary.address}.availability_zone`,
      message: `the primary reservation is in ${primary.availabilityZone} but output ${output} says ${d.primaryAvailabilityZone}`,
      expected: `the same zone in both (${REGENERATE})`,
    });
  const inZone = reservations.filter((r) => r.availabilityZone === d.contingencyAvailabilityZone && r.topology === d.topology);
  if (d.mode !== "interruptible-reservation")
    for (const r of inZone)
      out.push({
        path: `$.resource.${r.address}`,
        message: `a capacity reservation of ${d.topology} in the contingency zone ${d.contingencyAvailabilityZone}, whose designation (output ${output}) is in ${d.mode} mode`,
        expected: "no reservation in the contingency zone (designating is what saves it), or mode interruptible-reservation",
      });
  else if (!contingencyReservation)
    out.push({
      path: `$.output.${output}.value.mode`,
      message: `interruptible-reservation mode, but no aws_ec2_capacity_reservation tagged ${TAG.role} = contingency for ${d.topology} is in ${d.contingencyAvailabilityZone}`,
      expected: `the reservation ContingencyCapacity writes in that mode (${REGENERATE})`,
    });
  else if (contingencyReservation.instanceType !== d.instanceType)
    out.push({
      path: `$.resource.${contingencyReservation.address}.instance_type`,
      message: `the lent reservation holds ${contingencyReservation.instanceType} but output ${output} designates ${d.instanceType}, so a failover could not launch on it`,
      expected: `instance_type = "${d.instanceType}"`,
    });
  else if (contingencyReservation.instanceCount < d.designatedCount)
    out.push({
      path: `$.resource.${contingencyReservation.address}.instance_count`,
      message: `the lent reservation holds ${contingencyReservation.instanceCount} but output ${output} designates ${d.designatedCount}`,
      expected: `instance_count ≥ ${d.designatedCount}`,
    });
  return out;
}
