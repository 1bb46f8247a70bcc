// Loading plans
export {
  loadPlan,
  loadPlanDocument,
  parsePlan,
  planFromJson,
} from "./load-plan";
export { isPlanError, PlanError } from "./plan-error";

// The topology model
export type * from "./topology";
export type * from "./topology-infrastructure";
export type * from "./topology-storage";
