// The sentence that says how a closed loop's arrivals were priced (CLI, Serve view, plan document).

import type { Arrival, ServeRuntime } from './types';

/**
 * Message key for the arrival pattern. A burst on SGLang has its own: SGLang prefills the whole wave before
 * decoding it, so its requests' tokens are priced differently from a runtime that mixes prefill into decode
 * (load.ts perToken).
 */
export function arrivalKey(arrival: Arrival, runtime: ServeRuntime): string {
  return arrival === 'burst' && runtime === 'sglang' ? 'capacity.arrival.burstSglang' : `capacity.arrival.${arrival}`;
}
