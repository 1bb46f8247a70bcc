export { boundedRecovery } from "./bounded-recovery";
export { noDoubleCount } from "./no-double-count";
export { noticeBeforeReclaim } from "./notice-before-reclaim";
export { revocable } from "./revocable";
