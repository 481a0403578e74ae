import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * How the rooms of several processes that have the same document loaded hear of each other's
 * changes: every stored update (with its number in the log) and presence change is published;
 * each process applies what the others publish to its own copy, in the order of the numbers, and
 * passes it on to its own sockets without storing it again. A message may be lost: a room that
 * sees a gap in the numbers, or whose log head is ahead of it, reads what it lacks from the log
 * (docs/architecture.md §3.1).
 *
 * One process needs none of this: `inProcessFanOut` is the default.
 */
export interface FanOutMessage {
	/** The number the update was stored under in the document's log; null: presence only. */
	seq: number | null;
	/** The stored update; null with a number when it was too large to carry (read the log). */
	update: Uint8Array | null;
	/** A y-protocols awareness update, or null. */
	awareness: Uint8Array | null;
	/**
	 * For each client id of `awareness` announced by a connection of the sending process: the
	 * user behind it. The receivers refuse updates under these ids from anyone else
	 * (`speaksForOthers` in room.ts, docs/architecture.md §4). null: none.
	 */
	announcers: ReadonlyMap<number, string> | null;
}

export interface FanOut {
	/** Whether there are other processes at all; without, rooms do not watch the log. */
	readonly shared: boolean;
	/**
	 * Whether messages get through right now. While they do not, the server looks at the log
	 * more often: it is then the only way edits travel between processes.
	 */
	readonly connected: boolean;
	/** Tells the other processes about a document's stored update and presence. */
	publish(documentId: string, message: FanOutMessage): void;
	/** Listens for what the other processes publish about a document; returns the unsubscribe. */
	subscribe(documentId: string, receive: (message: FanOutMessage) => void): () => void;
	/**
	 * Called when the way to the other processes is (again) open: what they published meanwhile
	 * is lost, so every room catches up from the log.
	 */
	onReady(listener: () => void): () => void;
}

/** One process: nobody else to tell, nothing to hear. */
export const inProcessFanOut: FanOut = {
	shared: false,
	connected: true,
	publish() {},
	subscribe: () => () => {},
	onReady: () => () => {}
};

/**
 * Updates larger than this travel as their number only; the receivers read them from the log.
 * Keeps pub/sub messages small (Redis copies each to every subscriber's output buffer).
 */
export const MAX_CARRIED_UPDATE_BYTES = 64 * 1024;

/** Flags of the wire format. */
const HAS_SEQ = 1;
const HAS_UPDATE = 2;
const HAS_AWARENESS = 4;
const HAS_ANNOUNCERS = 8;

/** Yjs client ids are unsigned 32-bit numbers; anything larger is not one. */
const MAX_CLIENT_ID = 0xffff_ffff;

/** The message as bytes for a transport between processes (e.g. Redis pub/sub). */
export function encodeFanOutMessage(message: FanOutMessage): Uint8Array {
	const update =
		message.update && message.update.byteLength <= MAX_CARRIED_UPDATE_BYTES ? message.update : null;
	const encoder = encoding.createEncoder();
	encoding.writeUint8(
		encoder,
		(message.seq !== null ? HAS_SEQ : 0) |
			(update ? HAS_UPDATE : 0) |
			(message.awareness ? HAS_AWARENESS : 0) |
			(message.announcers?.size ? HAS_ANNOUNCERS : 0)
	);
	if (message.seq !== null) encoding.writeVarUint(encoder, message.seq);
	if (update) encoding.writeVarUint8Array(encoder, update);
	if (message.awareness) encoding.writeVarUint8Array(encoder, message.awareness);
	if (message.announcers?.size) {
		encoding.writeVarUint(encoder, message.announcers.size);
		for (const [client, userId] of message.announcers) {
			encoding.writeVarUint(encoder, client);
			encoding.writeVarString(encoder, userId);
		}
	}
	return encoding.toUint8Array(encoder);
}

/**
 * The message, or null for bytes that are not one (they are ignored): whatever comes over Redis,
 * a receiver gets a well-formed message or nothing.
 */
export function decodeFanOutMessage(bytes: Uint8Array): FanOutMessage | null {
	try {
		const decoder = decoding.createDecoder(bytes);
		const flags = decoding.readUint8(decoder);
		if (flags & ~(HAS_SEQ | HAS_UPDATE | HAS_AWARENESS | HAS_ANNOUNCERS)) return null;
		const seq = flags & HAS_SEQ ? decoding.readVarUint(decoder) : null;
		const update = flags & HAS_UPDATE ? decoding.readVarUint8Array(decoder) : null;
		const awareness = flags & HAS_AWARENESS ? decoding.readVarUint8Array(decoder) : null;
		const announcers = flags & HAS_ANNOUNCERS ? readAnnouncers(decoder) : null;
		if (decoding.hasContent(decoder) || (update && seq === null)) return null;
		// Announcers speak for presence: without it they are not a message of ours.
		if (announcers && (!awareness || announcers.size === 0)) return null;
		return { seq, update, awareness, announcers };
	} catch {
		return null;
	}
}

/** Throws on anything that is not a list of client ids with their users. */
function readAnnouncers(decoder: decoding.Decoder): Map<number, string> {
	const count = decoding.readVarUint(decoder);
	const announcers = new Map<number, string>();
	// Each entry takes at least two bytes: a count beyond that is garbage, not a reason to loop.
	if (count * 2 > decoder.arr.length - decoder.pos) throw new Error('zu viele Einträge');
	for (let index = 0; index < count; index++) {
		const client = decoding.readVarUint(decoder);
		const userId = decoding.readVarString(decoder);
		if (client > MAX_CLIENT_ID || userId === '') throw new Error('ungültiger Eintrag');
		announcers.set(client, userId);
	}
	return announcers;
}
