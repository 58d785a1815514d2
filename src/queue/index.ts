export * from "./types.js";
export { MemoryReviewQueue, type MemoryQueueOptions } from "./memory.js";
export { DeliveryDedupe } from "./dedupe.js";
