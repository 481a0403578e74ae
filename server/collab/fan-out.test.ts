import { describe, expect, it } from 'vitest';
import { decodeFanOutMessage, encodeFanOutMessage, type FanOutMessage } from './fan-out';

const presence = new Uint8Array([1, 2, 3]);

describe('fan-out messages between processes', () => {
	it('carry who announced which client id, with the presence', () => {
		const message: FanOutMessage = {
			seq: 12,
			update: new Uint8Array([9, 9]),
			awareness: presence,
			announcers: new Map([
				[3_084_896_308, 'ag1'],
				[7, 'jörg']
			])
		};
		expect(decodeFanOutMessage(encodeFanOutMessage(message))).toEqual(message);
		const plain: FanOutMessage = { seq: 3, update: null, awareness: null, announcers: null };
		expect(decodeFanOutMessage(encodeFanOutMessage(plain))).toEqual(plain);
		// An empty list travels as none.
		expect(
			decodeFanOutMessage(
				encodeFanOutMessage({ seq: null, update: null, awareness: presence, announcers: new Map() })
			)?.announcers
		).toBeNull();
	});

	it('read as nothing when the bytes are not one of them', () => {
		const good = encodeFanOutMessage({
			seq: null,
			update: null,
			awareness: presence,
			announcers: new Map([[7, 'ag1']])
		});
		const garbage = [
			new Uint8Array([]),
			// cut short, anywhere
			...Array.from({ length: good.length - 1 }, (_, end) => good.subarray(0, end)),
			// a flag nobody knows
			new Uint8Array([16]),
			// announcers without presence
			new Uint8Array([8, 1, 7, 3, 97, 103, 49]),
			// a count of entries far beyond what the bytes hold
			new Uint8Array([12, 1, 0, 0xff, 0xff, 0xff, 0xff, 0x0f, 7, 3, 97, 103, 49]),
			// a client id beyond 32 bits, an empty user
			new Uint8Array([12, 1, 0, 1, 0x80, 0x80, 0x80, 0x80, 0x10, 1, 97]),
			new Uint8Array([12, 1, 0, 1, 7, 0])
		];
		for (const bytes of garbage) expect(decodeFanOutMessage(bytes), String(bytes)).toBeNull();
	});
});
