import * as Y from 'yjs';
import { encodeSyncStep2, encodeUpdate } from './protocol';

/**
 * The answer to "send me everything" (sync step 1 from a client with nothing of the document, see
 * `hasNothingOf`), kept as the document's state encoded once plus the updates since. Every tab
 * opened without a local copy asks this, and so does a flood of questions. Encoding a 250 KB agenda takes 10–40 ms of the
 * event loop all editors share, and in a room where someone types, an answer kept only until
 * the next change served hardly a second asker: 20 sockets asking five times each made the
 * server encode the agenda about a hundred times (bench `hostile`, the sync flood).
 *
 * The answer is each update since as a message of its own, then the kept state as sync step 2,
 * sent together. The updates come first: a client holds them as pending (they build on the
 * state) until sync step 2 brings their basis, and so has the whole document at sync step 2,
 * where the y-websocket provider reports "synced". Sent the other way round (until 8.12.2026),
 * a client that looked at its document right then lacked the updates since: the bench
 * `cluster-durability` counted such entries as lost. They are not merged into one:
 * `Y.mergeUpdates` of 256 small updates took 13 ms, more than encoding a 100 KB document
 * (8.5 ms). Once the updates since weigh half the kept state (or 16 KB, for a small document) or
 * number 256, the next answer encodes the document again, so an answer stays near the size of
 * the document's own encoding and costs a few hundred sends at most.
 *
 * What came since is every transaction's `update` event, so the two parts hold exactly what the
 * document has integrated. What Yjs keeps pending (structs and deletions waiting for their
 * basis) has no event but belongs to an encoded state; while the document holds any, each answer
 * is encoded afresh, and that encoding is not kept.
 */
export class FullStateAnswer {
	/** Sync step 2 with the kept state, or null when none is kept. */
	#state: Uint8Array | null = null;
	#stateBytes = 0;
	/** The updates since the kept state, each as its message. */
	#since: Uint8Array[] = [];
	#sinceBytes = 0;
	/** How often the whole document was encoded (for tests). */
	encodings = 0;

	readonly #onUpdate = (update: Uint8Array) => {
		if (this.#state === null) return;
		this.#since.push(encodeUpdate(update));
		this.#sinceBytes += update.length;
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
		return [...this.#since, this.#state as Uint8Array];
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
	}

	destroy(): void {
		this.doc.off('update', this.#onUpdate);
		this.forget();
	}
}

/**
 * Past this many updates since the kept state, sending them costs more than it should (a room
 * where many type small changes reaches it long before half the state's bytes).
 */
const MAX_UPDATES_SINCE = 256;

/** A small document encodes in well under a millisecond: its answer may carry this much more. */
const MIN_BYTES_SINCE = 16 * 1024;

function hasPending(doc: Y.Doc): boolean {
	return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/**
 * Whether a client with `stateVector` has nothing of `doc`, so that the whole document is its
 * answer: a tab without a local copy (perhaps with a few changes of its own already), and the
 * made-up vectors of a flood, which would otherwise each cost an encoding of the document.
 */
export function hasNothingOf(doc: Y.Doc, stateVector: Uint8Array): boolean {
	for (const [client, clock] of Y.decodeStateVector(stateVector)) {
		if (clock > 0 && doc.store.clients.has(client)) return false;
	}
	return true;
}
