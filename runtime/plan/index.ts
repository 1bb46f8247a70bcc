// Loading plans
export { loadPlan, parsePlan, planFromJson, resolvePlanPath } from "./load-plan";
export { isPlanError, PlanError, type PlanProblem } from "./plan-error";
export type { ProcessingNode } from "./processing-nodes";
// The topology model
export type * from "./topology";
export type * from "./topology-infrastructure";
export type * from "./topology-storage";
