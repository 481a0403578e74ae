import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FullStateAnswer, hasNothingOf } from './full-state';
import { MESSAGE_SYNC, SYNC_STEP_2, SYNC_UPDATE } from './protocol';

/** A client without state that applies `messages` in order, as the y-websocket provider does. */
function replicaOf(messages: Uint8Array[]): { doc: Y.Doc; kinds: number[] } {
	const doc = new Y.Doc();
	const kinds: number[] = [];
	for (const message of messages) {
		const decoder = decoding.createDecoder(message);
		expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SYNC);
		kinds.push(decoding.readVarUint(decoder));
		Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
	}
	return { doc, kinds };
}

/** What a document holds, compared by content (encodings may differ in how they split structs). */
function contentOf(doc: Y.Doc) {
	return { text: doc.getText('t').toString(), map: doc.getMap('m').toJSON() };
}

function documentWithText(characters: number): Y.Doc {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, 'x'.repeat(characters));
	return doc;
}

describe('FullStateAnswer', () => {
	it('encodes the document once and answers later askers with the changes since', () => {
		const doc = documentWithText(100_000);
		const answer = new FullStateAnswer(doc);

		const first = answer.messages();
		expect(answer.encodings).toBe(1);
		expect(replicaOf(first).kinds).toEqual([SYNC_STEP_2]);

		doc.getText('t').insert(0, 'Anfang ');
		doc.getMap('m').set('status', 'geplant');
		doc.getText('t').delete(7, 10);
		const second = answer.messages();
		expect(answer.encodings).toBe(1);
		expect(second[3]).toBe(first[0]);
		const replica = replicaOf(second);
		expect(replica.kinds).toEqual([SYNC_UPDATE, SYNC_UPDATE, SYNC_UPDATE, SYNC_STEP_2]);
		expect(contentOf(replica.doc)).toEqual(contentOf(doc));
		// Askers between two changes share the same bytes.
		expect(answer.messages()).toEqual(second);
		expect(answer.messages()[2]).toBe(second[2]);
	});

	it('gives a client the whole document by sync step 2, where a provider reports "synced"', () => {
		const doc = documentWithText(1_000);
		const answer = new FullStateAnswer(doc);
		answer.messages();
		doc.getText('t').insert(0, 'Anfang ');
		doc.getMap('m').set('status', 'geplant');
		doc.getText('t').delete(7, 10);
		// What the client holds when it has applied sync step 2 (and what came before it).
		const client = new Y.Doc();
		let atStep2: ReturnType<typeof contentOf> | null = null;
		for (const message of answer.messages()) {
			const decoder = decoding.createDecoder(message);
			decoding.readVarUint(decoder);
			const kind = decoding.readVarUint(decoder);
			Y.applyUpdate(client, decoding.readVarUint8Array(decoder));
			if (kind === SYNC_STEP_2) atStep2 = contentOf(client);
		}
		expect(atStep2).toEqual(contentOf(doc));
		expect(client.store.pendingStructs).toBeNull();
		expect(client.store.pendingDs).toBeNull();
	});

	it('encodes again once the changes since weigh half the kept state', () => {
		const doc = documentWithText(40_000);
		const answer = new FullStateAnswer(doc);
		answer.messages();
		doc.getText('t').insert(0, 'y'.repeat(15_000));
		answer.messages();
		expect(answer.encodings).toBe(1);
		doc.getText('t').insert(0, 'z'.repeat(6_000));
		const messages = answer.messages();
		expect(answer.encodings).toBe(2);
		expect(replicaOf(messages).kinds).toEqual([SYNC_STEP_2]);
		expect(contentOf(replicaOf(messages).doc)).toEqual(contentOf(doc));
	});

	it('encodes again after many small changes', () => {
		const doc = documentWithText(100_000);
		const answer = new FullStateAnswer(doc);
		answer.messages();
		for (let i = 0; i < 256; i++) doc.getMap('m').set('n', i);
		answer.messages();
		expect(answer.encodings).toBe(1);
		doc.getMap('m').set('n', 'last');
		const messages = answer.messages();
		expect(answer.encodings).toBe(2);
		expect(contentOf(replicaOf(messages).doc)).toEqual(contentOf(doc));
	});

	it('encodes afresh while the document holds pending updates, then uses the kept state again', () => {
		const doc = documentWithText(1_000);
		const answer = new FullStateAnswer(doc);
		answer.messages();
		// Another client's two edits, the second arriving first: Yjs keeps it pending.
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		const base = Y.encodeStateVector(other);
		other.getText('t').insert(0, 'eins ');
		const afterFirst = Y.encodeStateVector(other);
		const first = Y.encodeStateAsUpdate(other, base);
		other.getText('t').insert(0, 'zwei ');
		const second = Y.encodeStateAsUpdate(other, afterFirst);
		Y.applyUpdate(doc, second);
		expect(doc.store.pendingStructs).not.toBeNull();

		// Like the encoded state, the answer carries the pending edit, so that a client that
		// gets its basis later can apply it.
		const pending = answer.messages();
		expect(pending).toHaveLength(1);
		expect(answer.encodings).toBe(2);
		answer.messages();
		expect(answer.encodings).toBe(3);
		const replica = replicaOf(pending).doc;
		Y.applyUpdate(replica, first);
		expect(replica.getText('t').toString()).toBe(other.getText('t').toString());

		// Its basis arrives: the transaction that applies both is one more change since.
		Y.applyUpdate(doc, first);
		expect(doc.store.pendingStructs).toBeNull();
		const settled = answer.messages();
		expect(answer.encodings).toBe(3);
		expect(contentOf(replicaOf(settled).doc)).toEqual(contentOf(doc));
	});

	it('takes a state just encoded elsewhere (a compaction) as its base', () => {
		const doc = documentWithText(10_000);
		const answer = new FullStateAnswer(doc);
		doc.getMap('m').set('a', 1);
		answer.adopt(Y.encodeStateAsUpdate(doc));
		doc.getMap('m').set('b', 2);
		const messages = answer.messages();
		expect(answer.encodings).toBe(0);
		expect(contentOf(replicaOf(messages).doc)).toEqual(contentOf(doc));
	});

	it('recognises the question of a client with nothing of the document', () => {
		const doc = documentWithText(10);
		expect(hasNothingOf(doc, Y.encodeStateVector(new Y.Doc()))).toBe(true);
		// Its own changes, or made-up clients, are nothing of the document.
		expect(hasNothingOf(doc, Y.encodeStateVector(documentWithText(1)))).toBe(true);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		expect(hasNothingOf(doc, Y.encodeStateVector(copy))).toBe(false);
		copy.getText('t').insert(0, 'eigene ');
		expect(hasNothingOf(doc, Y.encodeStateVector(copy))).toBe(false);
	});
});
