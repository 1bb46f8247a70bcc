export { bidRule } from "./bid-rule";
export { boundedRecovery } from "./bounded-recovery";
export { durability } from "./durability";
export { fencing } from "./fencing";
export { noDoubleCount } from "./no-double-count";
export { noticeBeforeReclaim } from "./notice-before-reclaim";
export { type LeasedInstanceView, reservationsHonoured } from "./reservations-honoured";
export { revocable } from "./revocable";
export { singleWriter } from "./single-writer";
