/**
 * Generated hostile websocket frames for the collab protocol, from a seeded generator. Each kind
 * aims at one step of the server's parsing: the message type, the sync sub-type, the length
 * prefixes, the Yjs update inside, the awareness JSON, and the frame size limit.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { Random } from './prng';

export type FrameKind =
	| 'random'
	| 'empty'
	| 'mutated'
	| 'bad-length'
	| 'truncated-varint'
	| 'huge-varint'
	| 'unknown-type'
	| 'oversized'
	| 'text'
	| 'awareness-garbage'
	| 'bad-update'
	| 'viewer-update'
	| 'dangling-update';

/**
 * Kinds an attacker with write access may send: none of them can change the visible document.
 * Mutations of real updates can stay well-formed (a flipped letter is a valid edit), so only
 * viewers send those. A dangling update is well-formed but can never apply (it builds on an item
 * nobody has): an editor's must leave no trace either, in particular not in the persisted log.
 */
export const EDITOR_KINDS: readonly FrameKind[] = [
	'random',
	'empty',
	'bad-length',
	'truncated-varint',
	'huge-varint',
	'unknown-type',
	'oversized',
	'text',
	'awareness-garbage',
	'bad-update',
	'dangling-update'
];
export const VIEWER_KINDS: readonly FrameKind[] = [...EDITOR_KINDS, 'mutated', 'viewer-update'];

export interface HostileFrame {
	kind: FrameKind;
	data: Uint8Array | string;
}

/** Real messages to mutate: an update, a sync step 1 and an awareness update. */
export interface Samples {
	messages: Uint8Array[];
}

export function sampleMessages(): Samples {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	doc.getText('benchHostile').insert(0, 'Angriff');
	doc.getMap('benchHostileMap').set('angriff', { tief: [1, 2, 3] });
	const messages = updates.map((update) => syncMessage(2, update));
	messages.push(syncMessage(0, Y.encodeStateVector(doc)));
	messages.push(awarenessMessage(doc.clientID, 1, JSON.stringify({ user: { name: 'x' } })));
	doc.destroy();
	return { messages };
}

export function generateFrame(
	random: Random,
	kinds: readonly FrameKind[],
	samples: Samples,
	maxMessageBytes: number
): HostileFrame {
	const kind = random.pick(kinds);
	return { kind, data: build(kind, random, samples, maxMessageBytes) };
}

function build(
	kind: FrameKind,
	random: Random,
	samples: Samples,
	maxMessageBytes: number
): Uint8Array | string {
	switch (kind) {
		case 'random':
			return random.bytes(random.int(1, 64));
		case 'empty':
			return new Uint8Array(0);
		case 'mutated': {
			const message = Uint8Array.from(random.pick(samples.messages));
			const flips = random.int(1, 3);
			for (let i = 0; i < flips; i++)
				message[random.int(0, message.length - 1)] = random.int(0, 255);
			// Sometimes also cut it short or let it run on.
			const cut = random.next();
			if (cut < 0.25) return message.subarray(0, random.int(1, message.length));
			if (cut < 0.5) return concat(message, random.bytes(random.int(1, 16)));
			return message;
		}
		case 'bad-length': {
			// A valid prefix whose length claims more (or much more) than the frame holds.
			const payload = random.bytes(random.int(0, 32));
			const claimed = payload.length + random.pick([1, 7, 300, 70_000, 2 ** 31]);
			return concat(new Uint8Array([0, random.pick([0, 1, 2])]), varUint(claimed), payload);
		}
		case 'truncated-varint':
			// Continuation bits with nothing after them, in the type, sub-type or length.
			return random.pick([
				new Uint8Array([0x80]),
				new Uint8Array([0x80, 0x80, 0x80]),
				new Uint8Array([0, 0x80]),
				new Uint8Array([0, 2, 0xff, 0xff])
			]);
		case 'huge-varint':
			return random.pick([
				new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
				new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 1, 2]),
				new Uint8Array([1, 0xff, 0xff, 0xff, 0xff, 0x0f, 1]),
				concat(new Uint8Array([0, 2]), varUint(16), varUint(2 ** 40), random.bytes(8))
			]);
		case 'unknown-type':
			return random.next() < 0.5
				? concat(varUint(random.int(4, 10_000)), random.bytes(random.int(0, 16)))
				: concat(new Uint8Array([0, random.int(3, 200)]), random.bytes(random.int(0, 16)));
		case 'oversized':
			return random.bytes(maxMessageBytes + random.int(1, 4096));
		case 'text':
			return random.pick(['hallo', '{"type":"sync"}', '\u0000\u0002', 'ä'.repeat(100)]);
		case 'awareness-garbage': {
			const state = random.pick([
				'{not json',
				'[1,2,3]',
				'"string"',
				JSON.stringify({ user: { name: 'x'.repeat(5000) } }),
				'{"user":'
			]);
			return awarenessMessage(random.int(0, 2 ** 31), random.int(0, 100), state);
		}
		case 'bad-update':
			// Sync updates whose payload is no Yjs update: struct counts and client ids of nonsense.
			return syncMessage(
				random.pick([1, 2]),
				concat(varUint(random.int(1, 1000)), random.bytes(random.int(1, 48)))
			);
		case 'viewer-update':
			// Well-formed and applicable: only the sender's role keeps it out of the document.
			return random.pick(samples.messages.slice(0, 2));
		case 'dangling-update': {
			// Well-formed, but builds on an item the server never saw: it could only stay pending.
			const doc = new Y.Doc();
			const updates: Uint8Array[] = [];
			doc.on('update', (update: Uint8Array) => updates.push(update));
			const text = doc.getText('benchHostile');
			text.insert(0, 'a');
			text.insert(1, 'b');
			doc.destroy();
			return syncMessage(2, updates[1] ?? new Uint8Array());
		}
	}
}

function syncMessage(subtype: number, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, subtype);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

function awarenessMessage(clientId: number, clock: number, state: string): Uint8Array {
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, 1);
	encoding.writeVarUint(inner, clientId);
	encoding.writeVarUint(inner, clock);
	encoding.writeVarString(inner, state);
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
	return encoding.toUint8Array(encoder);
}

function varUint(value: number): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, value);
	return encoding.toUint8Array(encoder);
}

function concat(...parts: Uint8Array[]): Uint8Array {
	const result = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		result.set(part, offset);
		offset += part.length;
	}
	return result;
}
