// Loading plans
export {
  type LoadedPlan,
  loadPlan,
  loadPlanDocument,
  loadPlanFile,
  parsePlan,
  parsePlanDocument,
  planFromJson,
  resolvePlanPath,
} from "./load-plan";
export { isPlanError, PlanError, type PlanProblem, SHOW_JSON_RECIPE } from "./plan-error";
export type { ProcessingNode } from "./processing-nodes";
export type { ResourceNode } from "./resources";
// The topology model
export type * from "./topology";
export type * from "./topology-infrastructure";
export type * from "./topology-storage";
