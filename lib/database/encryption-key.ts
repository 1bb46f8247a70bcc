import { type Construct, KmsKey } from "../private/cdktf";
import { ID } from "./construct-ids";

/**
 * The key every node of the pair encrypts with, created unless given: one key serves both zones
 * (so a promoted standby reads what the old writer wrote), with yearly rotation and the longest
 * deletion window.
 */
export function databaseKey(scope: Construct, identifier: string, tags: Readonly<Record<string, string>>): KmsKey {
  return new KmsKey(scope, ID.key, {
    description: `Storage encryption for ${identifier} (cdktf-resilience)`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    tags: { ...tags },
  });
}
