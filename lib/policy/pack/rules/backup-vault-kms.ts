import type { PolicyCheck } from "../outcome";
import { requireSet } from "./attribute-checks";

/** RES-BACKUP-VAULT-KMS: `kms_key_arn` is set (otherwise the AWS managed `aws/backup` key is used). */
export const backupVaultKms: PolicyCheck = (r) => requireSet(r, "kms_key_arn");
