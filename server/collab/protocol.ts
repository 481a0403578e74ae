/**
 * The y-websocket wire protocol, as the standard client provider speaks it: every message starts
 * with a varuint type; sync messages carry a sub-type and a length-prefixed payload. Parsing is
 * strict: a message must be exactly one well-formed frame (no trailing bytes), so garbage is
 * recognised as such before any of it touches a document.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

/** Longest awareness state (JSON) one client may announce: a name, a colour and a cursor. */
export const MAX_AWARENESS_STATE_CHARS = 4096;

export type ClientMessage =
	| { type: 'sync-step-1'; stateVector: Uint8Array }
	| {
			type: 'update';
			update: Uint8Array;
			/** Per Yjs client id in the update, the clock just after its last struct. */
			ends: Map<number, number>;
	  }
	| { type: 'awareness'; update: Uint8Array; clients: AwarenessEntry[] }
	| { type: 'query-awareness' };

export interface AwarenessEntry {
	clientId: number;
	clock: number;
	/** null: the client announced it is leaving */
	state: Record<string, unknown> | null;
}

export type ParseResult =
	| { ok: true; message: ClientMessage }
	| { ok: false; reason: 'unknown' | 'malformed'; detail: string };

export function parseClientMessage(data: Uint8Array): ParseResult {
	try {
		const decoder = decoding.createDecoder(data);
		const type = decoding.readVarUint(decoder);
		let message: ClientMessage;
		switch (type) {
			case MESSAGE_SYNC:
				message = parseSync(decoder);
				break;
			case MESSAGE_AWARENESS: {
				const update = decoding.readVarUint8Array(decoder);
				message = { type: 'awareness', update, clients: parseAwarenessUpdate(update) };
				break;
			}
			case MESSAGE_QUERY_AWARENESS:
				message = { type: 'query-awareness' };
				break;
			default:
				return { ok: false, reason: 'unknown', detail: `Nachrichtentyp ${type}` };
		}
		if (decoding.hasContent(decoder)) {
			return { ok: false, reason: 'malformed', detail: 'überzählige Bytes' };
		}
		return { ok: true, message };
	} catch (error) {
		if (error instanceof UnknownMessage)
			return { ok: false, reason: 'unknown', detail: error.message };
		return {
			ok: false,
			reason: 'malformed',
			detail: error instanceof Error ? error.message : 'Fehler'
		};
	}
}

class UnknownMessage extends Error {}

function parseSync(decoder: decoding.Decoder): ClientMessage {
	const subtype = decoding.readVarUint(decoder);
	switch (subtype) {
		case SYNC_STEP_1: {
			const stateVector = decoding.readVarUint8Array(decoder);
			Y.decodeStateVector(stateVector);
			return { type: 'sync-step-1', stateVector };
		}
		case SYNC_STEP_2:
		case SYNC_UPDATE: {
			const update = decoding.readVarUint8Array(decoder);
			// Decoding the whole update proves it is well-formed before it reaches the document.
			const { structs } = Y.decodeUpdate(update);
			const ends = new Map<number, number>();
			for (const { id, length } of structs) {
				ends.set(id.client, Math.max(ends.get(id.client) ?? 0, id.clock + length));
			}
			return { type: 'update', update, ends };
		}
		default:
			throw new UnknownMessage(`Sync-Typ ${subtype}`);
	}
}

function parseAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const json = decoding.readVarString(decoder);
		if (json.length > MAX_AWARENESS_STATE_CHARS) throw new Error('Awareness-Zustand zu groß');
		const state: unknown = JSON.parse(json);
		if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
			throw new Error('Awareness-Zustand ist kein Objekt');
		}
		entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
	}
	if (decoding.hasContent(decoder)) throw new Error('überzählige Bytes im Awareness-Update');
	return entries;
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_STEP_1);
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
	return encoding.toUint8Array(encoder);
}

/** Sync step 2: `update`, what the asker lacks (see `Y.encodeStateAsUpdate`). */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_STEP_2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_UPDATE);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}
