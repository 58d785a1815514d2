// Redelivered webhooks carry the same X-GitHub-Delivery id. A bounded LRU set of the ids
// seen lately lets a redelivery be acknowledged without starting a second review.

export class DeliveryDedupe {
  readonly #seen = new Map<string, true>();
  constructor(readonly capacity = 5000) {}

  /** Records the id; returns true when it was seen before (a redelivery). */
  seen(id: string): boolean {
    if (this.#seen.has(id)) {
      // Refresh its place in the LRU order.
      this.#seen.delete(id);
      this.#seen.set(id, true);
      return true;
    }
    this.#seen.set(id, true);
    while (this.#seen.size > this.capacity) {
      const oldest = this.#seen.keys().next().value;
      if (oldest === undefined) break;
      this.#seen.delete(oldest);
    }
    return false;
  }

  get size(): number {
    return this.#seen.size;
  }
}
