// The review queue: its interface and job types, the in-process queue, and the redelivery filter.
export * from "./types.js";
export { MemoryReviewQueue, type MemoryQueueOptions } from "./memory.js";
export { DeliveryDedupe } from "./dedupe.js";
