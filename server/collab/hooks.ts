import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';

/**
 * What the collab core needs to know of whoever is on a connection. The application adds what
 * its own hooks need (names, roles, rights).
 */
export interface ConnectionIdentity {
	/** The document this connection edits or watches. */
	documentId: string;
	/** Whose connection it is: limits and queues are counted per account. */
	userId: string;
	/** Whether its updates are applied at all; without, they are dropped. */
	canWrite: boolean;
}

export type UpgradeDecision<I extends ConnectionIdentity> =
	{ ok: true; identity: I } | { ok: false; status: number; message: string };

/** A connection to close, and why. */
export interface Closing {
	code: number;
	reason: string;
}

/**
 * Reviews the updates of writing members of one document, and takes back what they may not do.
 * Taking back means changing the document again (e.g. with a Y.UndoManager that tracks the
 * origin): the core stores and sends the update and its taking back together, as one.
 */
export interface UpdateFilter<I extends ConnectionIdentity> {
	/** The transaction origin the core applies an update of `identity` with. */
	originFor(identity: I): object;
	/** After the update was applied (in `transaction`): what became of it. */
	review(transaction: Y.Transaction, identity: I): FilterVerdict;
	/** Called after every update: the filter may forget what it tracked (now or later). */
	reset(): void;
	destroy(): void;
}

export interface FilterVerdict {
	/** Something was taken back: the sender gets the merged result too, to drop its change. */
	reverted: boolean;
	/** Close the sender afterwards (e.g. it went beyond the document's limits). */
	close?: Closing;
	/** One line for the server log. */
	log?: string;
}

/** A document the application has loaded into the core: what to do while it stays loaded. */
export interface LoadedDocument<I extends ConnectionIdentity> {
	filter?: UpdateFilter<I>;
	/** Called before the document is freed (e.g. to write out what is pending). */
	unload?(): void;
}

/**
 * How the application plugs into the collab core (after Hocuspocus' hooks): who may connect,
 * who still may, what a member's update may change, what presence says, and what to do with a
 * document while it is loaded. The core knows documents, connections and the y-protocols
 * messages, nothing of what the documents hold.
 */
export interface CollabHooks<I extends ConnectionIdentity> {
	/** Which upgrade requests belong to the collab server (by path). */
	handles(path: string): boolean;
	/** Decides an upgrade from its request alone, before any document data is sent. */
	authenticate(request: IncomingMessage): UpgradeDecision<I> | Promise<UpgradeDecision<I>>;
	/**
	 * Which of a document's connections lost their access (session ended, membership removed or
	 * changed); called every few seconds and whenever `onAccessChange` reports a change.
	 */
	recheck(documentId: string, identities: readonly I[]): Map<I, Closing> | Promise<Map<I, Closing>>;
	/** Calls `listener` whenever access changes (the core then rechecks at once). */
	onAccessChange?(listener: (documentId?: string) => void): () => void;
	/**
	 * A document was loaded and nobody is connected yet: changes made here are stored and sent
	 * like any update (e.g. upgrading an old document's layout).
	 */
	load?(documentId: string, doc: Y.Doc): LoadedDocument<I>;
	/**
	 * The presence state a connection announces, as others will see it (e.g. with the name the
	 * server knows instead of the one the client claims). null: the client leaves.
	 */
	rewriteAwareness?(state: Record<string, unknown>, identity: I): Record<string, unknown>;
}
