// Invariants of the mock cloud itself, checked in every emulation
export { cachePrimaryServes } from "./cache-primary-serves";
export { type CapacityBooks, capacityBooksBalance } from "./capacity-books-balance";
export { spotNoticeBeforeReclaim } from "./spot-notice-before-reclaim";
export { type WriterView, writerAfterRecovery } from "./writer-after-recovery";
