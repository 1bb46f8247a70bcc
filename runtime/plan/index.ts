// Loading plans
export { loadPlan, parsePlan, planFromJson, resolvePlanPath } from "./load-plan";
export { isPlanError, PlanError, type PlanProblem } from "./plan-error";

// The topology model
export type * from "./topology";
export type * from "./topology-infrastructure";
export type * from "./topology-storage";
