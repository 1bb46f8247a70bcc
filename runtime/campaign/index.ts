// Campaigns: many seeds over worker threads
export {
  type CampaignFailure,
  type CampaignOptions,
  type CampaignRow,
  type CampaignSummary,
  campaignUnits,
  runCampaign,
} from "./campaign";
export { replayCommand } from "./replay-command";
export type { CampaignUnit, UnitOutcome } from "./run-unit";
