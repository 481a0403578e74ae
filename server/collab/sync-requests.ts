/**
 * How often one connection may ask for the document (sync step 1). Each answer encodes the whole
 * difference to the asker's state, so a member who asks over and over on a socket that never
 * reads makes the server encode and queue the document again and again. The standard client
 * asks once per connection; this allows a few more, answers a question only when its answer
 * could differ from the last one (the asker's state or the document changed), and reports a
 * connection that keeps asking so that it can be dropped.
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
	#lastAnswer: { stateVector: Uint8Array; documentVersion: number } | null = null;

	constructor(
		private readonly limits: SyncRequestLimits,
		now = performance.now()
	) {
		this.#tokens = limits.burst;
		this.#refilledAt = now;
	}

	/**
	 * Decides one question: `documentVersion` changes whenever the document does, so an equal
	 * state vector against an unchanged document would get the very answer it already got.
	 */
	decide(
		stateVector: Uint8Array,
		documentVersion: number,
		now = performance.now()
	): SyncRequestDecision {
		const refills = Math.floor((now - this.#refilledAt) / this.limits.refillMs);
		if (refills > 0) {
			this.#tokens = Math.min(this.limits.burst, this.#tokens + refills);
			this.#refilledAt += refills * this.limits.refillMs;
		}
		if (this.#tokens < 1) return 'exhausted';
		this.#tokens -= 1;
		const last = this.#lastAnswer;
		if (
			last &&
			last.documentVersion === documentVersion &&
			Buffer.compare(last.stateVector, stateVector) === 0
		) {
			return 'redundant';
		}
		this.#lastAnswer = { stateVector, documentVersion };
		return 'answer';
	}
}
