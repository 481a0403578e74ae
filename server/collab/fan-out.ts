/**
 * How the rooms of several processes that have the same document loaded hear of each other's
 * changes: every stored update and presence change is published; each process applies what the
 * others publish to its own copy and passes it on to its own sockets, without storing it again.
 * One process needs none of this: `inProcessFanOut` is the default, and a Redis implementation
 * is the seam for running several.
 */
export interface FanOutMessage {
	/** A stored update (merged), or null. */
	update: Uint8Array | null;
	/** A y-protocols awareness update, or null. */
	awareness: Uint8Array | null;
}

export interface FanOut {
	/** Tells the other processes about a document's stored update and presence. */
	publish(documentId: string, message: FanOutMessage): void;
	/** Listens for what the other processes publish about a document; returns the unsubscribe. */
	subscribe(documentId: string, receive: (message: FanOutMessage) => void): () => void;
}

/** One process: nobody else to tell, nothing to hear. */
export const inProcessFanOut: FanOut = {
	publish() {},
	subscribe: () => () => {}
};
