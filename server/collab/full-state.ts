import * as Y from 'yjs';
import { encodeSyncStep2, encodeUpdate } from './protocol';

/**
 * The answer to "send me everything" (sync step 1 with an empty state vector), kept as the
 * document's state encoded once plus the updates since. Every tab opened without a local copy
 * asks this, and so does a flood of questions. Encoding a 250 KB agenda takes 10–40 ms of the
 * event loop all editors share, and in a room where someone types, an answer kept only until
 * the next change served hardly a second asker: 20 sockets asking five times each made the
 * server encode the agenda about a hundred times (bench `hostile`, the sync flood).
 *
 * The answer is two messages: the kept state as sync step 2, then what came since as one update.
 * A client applies both in turn, as it applies any update that follows its sync. Once what came
 * since weighs half the kept state (or 16 KB, for a small document), the next answer encodes the
 * document again, so an answer stays near the size of the document's own encoding.
 *
 * What came since is every transaction's `update` event, so the two parts hold exactly what the
 * document has integrated. What Yjs keeps pending (structs and deletions waiting for their
 * basis) has no event but belongs to an encoded state; while the document holds any, each answer
 * is encoded afresh and nothing is kept.
 */
export class FullStateAnswer {
	/** Sync step 2 with the kept state, or null when none is kept. */
	#state: Uint8Array | null = null;
	#stateBytes = 0;
	#since: Uint8Array[] = [];
	#sinceBytes = 0;
	/** The update message of `#since`, merged once for every answer until the next update. */
	#sinceMessage: Uint8Array | null = null;
	/** How often the whole document was encoded (for tests). */
	encodings = 0;

	readonly #onUpdate = (update: Uint8Array) => {
		if (this.#state === null) return;
		this.#since.push(update);
		this.#sinceBytes += update.length;
		this.#sinceMessage = null;
		const maxBytes = Math.max(this.#stateBytes / 2, MIN_BYTES_SINCE);
		if (this.#sinceBytes > maxBytes || this.#since.length > MAX_UPDATES_SINCE) {
			this.forget();
		}
	};

	constructor(private readonly doc: Y.Doc) {
		doc.on('update', this.#onUpdate);
	}

	/** The messages that give a client without any state the document as it is now. */
	messages(): Uint8Array[] {
		if (hasPending(this.doc)) {
			this.encodings++;
			return [encodeSyncStep2(Y.encodeStateAsUpdate(this.doc))];
		}
		if (this.#state === null) {
			this.encodings++;
			this.adopt(Y.encodeStateAsUpdate(this.doc));
		}
		const state = this.#state as Uint8Array;
		if (this.#since.length === 0) return [state];
		this.#sinceMessage ??= encodeUpdate(
			this.#since.length === 1 ? this.#since[0]! : Y.mergeUpdates(this.#since)
		);
		return [state, this.#sinceMessage];
	}

	/**
	 * Keeps `state`, the document encoded just now with nothing in between (a compaction's), as the
	 * answer's base: one encoding serves both.
	 */
	adopt(state: Uint8Array): void {
		this.forget();
		if (hasPending(this.doc)) return;
		this.#state = encodeSyncStep2(state);
		this.#stateBytes = state.length;
	}

	/** Drops what is kept; the next answer encodes the document again. */
	forget(): void {
		this.#state = null;
		this.#stateBytes = 0;
		this.#since = [];
		this.#sinceBytes = 0;
		this.#sinceMessage = null;
	}

	destroy(): void {
		this.doc.off('update', this.#onUpdate);
		this.forget();
	}
}

/**
 * Past this many updates since the kept state, merging them for an answer costs more than it
 * should (a room where many type small changes reaches it long before half the state's bytes).
 */
const MAX_UPDATES_SINCE = 256;

/** A small document encodes in well under a millisecond: its answer may carry this much more. */
const MIN_BYTES_SINCE = 16 * 1024;

function hasPending(doc: Y.Doc): boolean {
	return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** The state vector of a document without anything: the question of a client without a copy. */
export function asksForEverything(stateVector: Uint8Array): boolean {
	return stateVector.length === 1 && stateVector[0] === 0;
}
