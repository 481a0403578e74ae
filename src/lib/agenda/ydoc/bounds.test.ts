import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findBoundViolation, type BoundViolation } from './bounds';
import { entityMap, entityText, metaMap, resolutionMap, richSection } from './layout';
import { RICH_TEXT_MAX_CHARS, RICH_TEXT_MAX_DEPTH } from '../model/limits';
import { addEntity, ensureLayout, initialiseAgenda } from './mutations';
import { SHORT_TEXT_MAX, SUMMARY_MAX } from '../model/vocabulary';

/** A document with one measure, and a probe that checks each following transaction. */
function setUp() {
	const doc = new Y.Doc();
	initialiseAgenda(doc, {
		title: 'Agenda',
		municipality: 'Musterstadt',
		periodStart: 2026,
		periodEnd: 2030
	});
	ensureLayout(doc);
	const measureId = addEntity(doc, { collection: 'measures' }, { title: 'Maßnahme' });
	const found: (BoundViolation | null)[] = [];
	doc.on('afterTransaction', (transaction: Y.Transaction) =>
		found.push(findBoundViolation(doc, transaction))
	);
	const last = () => found.at(-1);
	return { doc, measureId, last };
}

/** `depth` paragraphs' worth of blockquotes, each in the one before, with text at the bottom. */
function nested(depth: number): Y.XmlElement {
	const top = new Y.XmlElement('blockquote');
	let current = top;
	for (let level = 2; level < depth; level++) {
		const inner = new Y.XmlElement('blockquote');
		current.insert(0, [inner]);
		current = inner;
	}
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [new Y.XmlText('tief')]);
	current.insert(0, [paragraph]);
	return top;
}

describe('findBoundViolation', () => {
	it('accepts ordinary edits', () => {
		const { doc, measureId, last } = setUp();
		entityText(doc, { collection: 'measures' }, measureId, 'title')!.insert(0, 'Neuer ');
		expect(last()).toBeNull();
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('Ausgangslage')]);
		richSection(doc, 'ausgangslage').insert(0, [paragraph]);
		expect(last()).toBeNull();
	});

	it('measures a short text against the limit of its own field', () => {
		const { doc, measureId, last } = setUp();
		const ref = { collection: 'measures' } as const;
		const title = entityText(doc, ref, measureId, 'title')!;
		title.insert(title.length, 'x'.repeat(SHORT_TEXT_MAX - title.length));
		expect(last()).toBeNull();
		title.insert(0, 'x');
		expect(last()).toEqual({
			reason: 'too-long',
			length: SHORT_TEXT_MAX + 1,
			max: SHORT_TEXT_MAX,
			wasBeyond: false
		});

		const summary = entityText(doc, ref, measureId, 'summary')!;
		summary.insert(0, 'x'.repeat(SUMMARY_MAX));
		expect(last()).toBeNull();
		summary.insert(0, 'x');
		expect(last()).toMatchObject({ reason: 'too-long', max: SUMMARY_MAX });
	});

	it('knows the fields of a document loaded from updates, as the server loads it', () => {
		const { doc: source, measureId } = setUp();
		const loaded = new Y.Doc();
		Y.applyUpdate(loaded, Y.encodeStateAsUpdate(source));
		ensureLayout(loaded);
		const found: (BoundViolation | null)[] = [];
		loaded.on('afterTransaction', (transaction: Y.Transaction) =>
			found.push(findBoundViolation(loaded, transaction))
		);
		const vector = Y.encodeStateVector(source);
		entityText(source, { collection: 'measures' }, measureId, 'title')!.insert(
			0,
			'x'.repeat(SHORT_TEXT_MAX)
		);
		Y.applyUpdate(loaded, Y.encodeStateAsUpdate(source, vector));
		expect(found.at(-1)).toMatchObject({ reason: 'too-long', max: SHORT_TEXT_MAX });
	});

	it('knows the fields of nested collections, the resolution data and the meta data', () => {
		const { doc, measureId, last } = setUp();
		const milestone = addEntity(doc, { collection: 'milestones', measureId }, { title: '' });
		entityText(doc, { collection: 'milestones', measureId }, milestone, 'title')!.insert(
			0,
			'x'.repeat(SHORT_TEXT_MAX + 1)
		);
		expect(last()).toMatchObject({ max: SHORT_TEXT_MAX });
		(resolutionMap(doc).get('proposal') as Y.Text).insert(0, 'x'.repeat(SHORT_TEXT_MAX + 1));
		expect(last()).toBeNull();
		(metaMap(doc).get('title') as Y.Text).insert(0, 'x'.repeat(SHORT_TEXT_MAX));
		expect(last()).toMatchObject({ reason: 'too-long', max: SHORT_TEXT_MAX });
	});

	it('allows nesting up to the limit and refuses one level more', () => {
		const { doc, last } = setUp();
		richSection(doc, 'ausgangslage').insert(0, [nested(RICH_TEXT_MAX_DEPTH)]);
		expect(last()).toBeNull();
		richSection(doc, 'leitbild').insert(0, [nested(RICH_TEXT_MAX_DEPTH + 1)]);
		expect(last()).toMatchObject({ reason: 'too-deep' });
	});

	it('finds nesting thousands deep without running out of stack', () => {
		const { doc, measureId, last } = setUp();
		// Built level by level elsewhere (Yjs itself recurses when it integrates a nested value),
		// then arriving as one update, as over the websocket.
		const source = new Y.Doc();
		Y.applyUpdate(source, Y.encodeStateAsUpdate(doc));
		let parent: Y.XmlFragment = entityMap(source, { collection: 'measures' }, measureId)!.get(
			'description'
		) as Y.XmlFragment;
		for (let level = 0; level < 3_000; level++) {
			const inner = new Y.XmlElement('blockquote');
			parent.insert(0, [inner]);
			parent = inner;
		}
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(source, Y.encodeStateVector(doc)));
		expect(last()).toMatchObject({ reason: 'too-deep' });
	});

	it('counts a long text across all its paragraphs', () => {
		const { doc, last } = setUp();
		const fragment = richSection(doc, 'ausgangslage');
		const paragraphs = (count: number, size: number) =>
			Array.from({ length: count }, () => {
				const paragraph = new Y.XmlElement('paragraph');
				paragraph.insert(0, [new Y.XmlText('x'.repeat(size))]);
				return paragraph;
			});
		fragment.insert(0, paragraphs(10, RICH_TEXT_MAX_CHARS / 10));
		expect(last()).toBeNull();
		fragment.insert(0, paragraphs(1, 1));
		expect(last()).toMatchObject({ reason: 'too-long', max: RICH_TEXT_MAX_CHARS });
	});

	it('counts elements against the same limit, as the read layer does', () => {
		const { doc, last } = setUp();
		const empty = (count: number) =>
			Array.from({ length: count }, () => new Y.XmlElement('paragraph'));
		const fragment = richSection(doc, 'leitbild');
		fragment.insert(0, empty(RICH_TEXT_MAX_CHARS));
		expect(last()).toBeNull();
		fragment.insert(0, empty(1));
		expect(last()).toMatchObject({ reason: 'too-long', max: RICH_TEXT_MAX_CHARS });
	});

	it('lets a text beyond its limit before (two copies) be shortened, and only refuses making it longer', () => {
		const { doc, measureId, last } = setUp();
		const title = entityText(doc, { collection: 'measures' }, measureId, 'title')!;
		title.delete(0, title.length);
		// Each of two processes accepted one edit within the limit; together they are beyond it.
		title.insert(0, 'x'.repeat(SHORT_TEXT_MAX + 3));
		title.delete(0, 1);
		expect(last()).toBeNull();
		// Replacing without lengthening is no violation either; lengthening is, by one.
		doc.transact(() => {
			title.delete(0, 2);
			title.insert(0, 'ab');
		});
		expect(last()).toBeNull();
		title.insert(0, 'y');
		expect(last()).toEqual({
			reason: 'too-long',
			length: SHORT_TEXT_MAX + 3,
			max: SHORT_TEXT_MAX,
			wasBeyond: true
		});

		const fragment = richSection(doc, 'ausgangslage');
		const paragraph = (text: string) => {
			const element = new Y.XmlElement('paragraph');
			element.insert(0, [new Y.XmlText(text)]);
			return element;
		};
		fragment.insert(0, [paragraph('x'.repeat(RICH_TEXT_MAX_CHARS)), paragraph('yyy')]);
		const textOf = (index: number) => (fragment.get(index) as Y.XmlElement).get(0) as Y.XmlText;
		textOf(1).delete(0, 1);
		expect(last()).toBeNull();
		fragment.insert(1, [paragraph('neu')]);
		expect(last()).toMatchObject({ reason: 'too-long', wasBeyond: true });
		fragment.delete(1, 1);
		expect(last()).toBeNull();
		// Moving text between paragraphs keeps the length: no violation, also when the text goes
		// with its paragraph.
		doc.transact(() => {
			textOf(1).delete(0, 1);
			textOf(0).insert(0, 'y');
		});
		expect(last()).toBeNull();
		doc.transact(() => {
			fragment.delete(1, 1);
			textOf(0).insert(0, 'y');
		});
		expect(last()).toBeNull();
		textOf(0).insert(0, 'y');
		expect(last()).toMatchObject({ reason: 'too-long', wasBeyond: true });
		// Shortening does not let nesting beyond the limit through with it.
		textOf(0).insert(0, 'y'.repeat(10));
		doc.transact(() => {
			textOf(0).delete(0, 5);
			fragment.insert(0, [nested(RICH_TEXT_MAX_DEPTH + 1)]);
		});
		expect(last()).toMatchObject({ reason: 'too-deep' });
	});

	it('checks what arrives inside a new entity', () => {
		const { doc, last } = setUp();
		addEntity(doc, { collection: 'measures' }, { title: 'x'.repeat(SHORT_TEXT_MAX + 1) });
		expect(last()).toMatchObject({ reason: 'too-long', max: SHORT_TEXT_MAX });
		addEntity(doc, { collection: 'goals' }, { title: 'Ziel', description: 'x'.repeat(5_000) });
		expect(last()).toBeNull();
	});

	it('refuses maps nested deeper than any entity', () => {
		const { doc, last } = setUp();
		let map = new Y.Map<unknown>();
		const top = map;
		for (let level = 0; level < 20; level++) {
			const inner = new Y.Map<unknown>();
			map.set('x', inner);
			map = inner;
		}
		doc.getMap('measures').set('tief', top);
		expect(last()).toMatchObject({ reason: 'too-deep' });
	});

	it('refuses oversized plain values and element attributes', () => {
		const { doc, measureId, last } = setUp();
		entityMap(doc, { collection: 'measures' }, measureId)!.set('order', 'a'.repeat(5_000));
		expect(last()).toEqual({ reason: 'value-too-big' });
		const heading = new Y.XmlElement('heading');
		richSection(doc, 'leitbild').insert(0, [heading]);
		expect(last()).toBeNull();
		heading.setAttribute('level', 'x'.repeat(5_000));
		expect(last()).toEqual({ reason: 'value-too-big' });
	});
});
