/**
 * How often one connection may ask for the document (sync step 1). Each answer may be the whole
 * document, so a member who asks over and over on a socket that never reads makes the server
 * queue the document again and again. The standard client asks once per connection; this allows
 * a few more, answers a question only when the asker's state changed since its last answered one,
 * and reports a connection that keeps asking so that it can be dropped.
 *
 * The same state vector again needs no answer even if the document changed meanwhile: the
 * connection was sent the last answer and, after it, every change as a broadcast. A client that
 * still has the same state has not applied them yet; answering again would queue the same
 * document once more (a flood of 20 sockets got five copies each).
 */
export type SyncRequestDecision = 'answer' | 'redundant' | 'exhausted';

export interface SyncRequestLimits {
	/** Questions a connection may ask at once. */
	burst: number;
	/** One more question is allowed after this long. */
	refillMs: number;
}

export class SyncRequestBudget {
	#tokens: number;
	#refilledAt: number;
	#lastAnswered: Uint8Array | null = null;

	constructor(
		private readonly limits: SyncRequestLimits,
		now = performance.now()
	) {
		this.#tokens = limits.burst;
		this.#refilledAt = now;
	}

	/** Decides one question. */
	decide(stateVector: Uint8Array, now = performance.now()): SyncRequestDecision {
		const refills = Math.floor((now - this.#refilledAt) / this.limits.refillMs);
		if (refills > 0) {
			this.#tokens = Math.min(this.limits.burst, this.#tokens + refills);
			this.#refilledAt += refills * this.limits.refillMs;
		}
		if (this.#tokens < 1) return 'exhausted';
		this.#tokens -= 1;
		if (this.#lastAnswered && Buffer.compare(this.#lastAnswered, stateVector) === 0) {
			return 'redundant';
		}
		this.#lastAnswered = stateVector;
		return 'answer';
	}
}
