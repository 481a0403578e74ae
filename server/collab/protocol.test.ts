import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	MESSAGE_AWARENESS,
	MESSAGE_SYNC,
	MAX_AWARENESS_STATE_CHARS,
	encodeSyncStep1,
	encodeUpdate,
	parseClientMessage
} from './protocol';

function awarenessMessage(entries: [number, number, string][]) {
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, entries.length);
	for (const [client, clock, json] of entries) {
		encoding.writeVarUint(inner, client);
		encoding.writeVarUint(inner, clock);
		encoding.writeVarString(inner, json);
	}
	const outer = encoding.createEncoder();
	encoding.writeVarUint(outer, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
	return encoding.toUint8Array(outer);
}

function realUpdate(): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, 'Hallo');
	return Y.encodeStateAsUpdate(doc);
}

describe('parseClientMessage', () => {
	it('reads what the y-websocket client sends', () => {
		const doc = new Y.Doc();
		expect(parseClientMessage(encodeSyncStep1(doc))).toMatchObject({
			ok: true,
			message: { type: 'sync-step-1' }
		});
		const update = realUpdate();
		const parsed = parseClientMessage(encodeUpdate(update));
		expect(parsed.ok && parsed.message.type === 'update' && [...parsed.message.update]).toEqual([
			...update
		]);
		expect(parseClientMessage(new Uint8Array([3]))).toEqual({
			ok: true,
			message: { type: 'query-awareness' }
		});
		const awareness = parseClientMessage(awarenessMessage([[7, 1, '{"user":{"name":"A"}}']]));
		expect(awareness).toMatchObject({
			ok: true,
			message: { type: 'awareness', clients: [{ clientId: 7, clock: 1 }] }
		});
	});

	it.each([
		['empty message', []],
		['sync without payload', [MESSAGE_SYNC]],
		['length beyond the end', [MESSAGE_SYNC, 2, 50, 1, 2]],
		['garbage update bytes', [MESSAGE_SYNC, 2, 4, 9, 9, 9, 9]],
		['huge varint', [MESSAGE_SYNC, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]],
		['trailing bytes', [3, 0]]
	])('calls %s malformed', (_name, bytes) => {
		expect(parseClientMessage(new Uint8Array(bytes))).toMatchObject({
			ok: false,
			reason: 'malformed'
		});
	});

	it('calls unknown message and sync types unknown', () => {
		expect(parseClientMessage(new Uint8Array([9]))).toMatchObject({ ok: false, reason: 'unknown' });
		expect(parseClientMessage(new Uint8Array([2, 0]))).toMatchObject({
			ok: false,
			reason: 'unknown'
		});
		expect(parseClientMessage(new Uint8Array([MESSAGE_SYNC, 5, 0]))).toMatchObject({
			ok: false,
			reason: 'unknown'
		});
	});

	it('refuses awareness states that are not JSON objects or too large', () => {
		for (const json of [
			'nicht json',
			'[1,2]',
			'42',
			`{"x":"${'a'.repeat(MAX_AWARENESS_STATE_CHARS)}"}`
		]) {
			expect(parseClientMessage(awarenessMessage([[1, 1, json]]))).toMatchObject({
				ok: false,
				reason: 'malformed'
			});
		}
		expect(parseClientMessage(awarenessMessage([[1, 2, 'null']]))).toMatchObject({ ok: true });
	});
});
