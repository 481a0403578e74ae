/**
 * The messages the benchmark sends, for both dialects of the same protocol: the y-websocket one
 * (Agendawerk, the reference server) and Hocuspocus', whose every frame starts with the document
 * name and whose connection needs an auth message before anything else is processed.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
const SYNC_UPDATE = 2;
const AUTH_TOKEN = 0;

/** How one server wants its frames: with or without the Hocuspocus document-name prefix. */
export interface Dialect {
	/** null: plain y-websocket frames; otherwise every frame starts with this document name. */
	documentPrefix: string | null;
}

/** Starts a frame: the Hocuspocus document name if the dialect wants one. */
export function frameEncoder(dialect: Dialect): encoding.Encoder {
	const encoder = encoding.createEncoder();
	if (dialect.documentPrefix !== null) encoding.writeVarString(encoder, dialect.documentPrefix);
	return encoder;
}

/** Skips the Hocuspocus document name of an incoming frame; returns the decoder at the type. */
export function frameDecoder(dialect: Dialect, data: Uint8Array): decoding.Decoder {
	const decoder = decoding.createDecoder(data);
	if (dialect.documentPrefix !== null) decoding.readVarString(decoder);
	return decoder;
}

export function encodeUpdateMessage(dialect: Dialect, update: Uint8Array): Uint8Array {
	const encoder = frameEncoder(dialect);
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_UPDATE);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodeAwarenessMessage(dialect: Dialect, update: Uint8Array): Uint8Array {
	const encoder = frameEncoder(dialect);
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** Hocuspocus' first message (the provider sends it before sync): a token, here any string. */
export function encodeAuthMessage(dialect: Dialect, token: string): Uint8Array | null {
	if (dialect.documentPrefix === null) return null;
	const encoder = frameEncoder(dialect);
	encoding.writeVarUint(encoder, MESSAGE_AUTH);
	encoding.writeVarUint(encoder, AUTH_TOKEN);
	encoding.writeVarString(encoder, token);
	return encoding.toUint8Array(encoder);
}

/**
 * An awareness update for one client, encoded the way y-protocols does (count, id, clock, JSON),
 * without an Awareness instance: light editors pre-encode one per second of the run.
 */
export function encodeAwarenessEntry(clientId: number, clock: number, state: object): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint(encoder, clientId);
	encoding.writeVarUint(encoder, clock);
	encoding.writeVarString(encoder, JSON.stringify(state));
	return encoding.toUint8Array(encoder);
}

/**
 * A complete client→server websocket frame (binary, final) around `payload`, built once so that
 * sending costs one `socket.write`. Clients must mask; the all-zero key leaves the payload as is.
 */
export function maskedBinaryFrame(payload: Uint8Array): Buffer {
	const length = payload.byteLength;
	const extended = length < 126 ? 0 : length < 65_536 ? 2 : 8;
	const frame = Buffer.alloc(2 + extended + 4 + length);
	frame[0] = 0x82;
	if (extended === 0) {
		frame[1] = 0x80 | length;
	} else if (extended === 2) {
		frame[1] = 0x80 | 126;
		frame.writeUInt16BE(length, 2);
	} else {
		frame[1] = 0x80 | 127;
		frame.writeBigUInt64BE(BigInt(length), 2);
	}
	// Bytes 2+extended … +4 are the (zero) masking key, already zero from alloc.
	frame.set(payload, 2 + extended + 4);
	return frame;
}

/** An empty masked pong, the answer to the servers' keep-alive pings. */
export const PONG_FRAME = Buffer.from([0x8a, 0x80, 0, 0, 0, 0]);
