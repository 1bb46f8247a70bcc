import { defineRules } from "../../private/validation";
import type { ResolvedDatabase } from "../resolve";
import { restoreRules } from "../restore-rules";
import { engineRules } from "./engines";
import { placementRules } from "./placement";
import { scheduleRules } from "./schedule";

/**
 * The rule table of `MultiAzDatabase`: every rule runs at synth, and every failure is reported
 * together (rule order is the order of the messages). Ids are a public contract: README lists
 * them, warnings are acknowledged by them; never renamed, only added.
 */
export const multiAzDatabaseRules = defineRules<ResolvedDatabase>([...placementRules, ...scheduleRules, ...engineRules, ...restoreRules]);
