import * as Y from 'yjs';
import {
	RICH_SECTIONS,
	isResolutionCollection,
	TOP_COLLECTIONS,
	type CollectionRef,
	type FieldsOfKind,
	type RichSection,
	type TopCollection
} from '../model/entities';

/**
 * The Y.Doc layout of one agenda: the single place that says which shared type holds what. The
 * entity kinds and their fields are plain data in `../model/entities.ts`; this maps them to Yjs.
 *
 * - `meta` (Y.Map): title and municipality (Y.Text), periodStart/periodEnd (numbers).
 * - `ausgangslage`, `leitbild` (Y.XmlFragment): long texts, edited with TipTap.
 * - one top-level Y.Map per collection of `TOP_COLLECTIONS`, keyed by entity id; each entity is a Y.Map holding
 *   `order` (a fractional index: sort by it, then by id) and its fields by kind:
 *   `text` → Y.Text, `rich` → Y.XmlFragment, `value` → plain JSON value, `set` → Y.Map<id, true>
 *   (concurrent adds and removes of different members both survive), `collection` → a nested
 *   Y.Map of entities of the collection with the same name.
 * - `resolution` (Y.Map): the Beschlussvorlage data. The map itself is one entity of kind
 *   `resolution` (without `order`); its Beratungsfolge and its Deckungsvorschlag are the nested
 *   collections `consultations` and `coverageLines` (`RESOLUTION_COLLECTIONS`).
 *   Its shared types are created once, by `ensureLayout`, never by two editors at the same time.
 *
 * Entities never live at positions in a Y.Array: moving one changes only its `order`, so a move
 * and a concurrent edit of the same entity both survive.
 */
export type EntityMap = Y.Map<unknown>;

/**
 * Gives every top-level part of the layout its type. A document loaded from updates knows its
 * top-level parts only by name until someone asks for them with their type; until then their
 * entries' `parent` is an untyped placeholder that `instanceof Y.Map` does not recognise.
 */
export function declareLayoutRoots(doc: Y.Doc): void {
	metaMap(doc);
	resolutionMap(doc);
	for (const name of TOP_COLLECTIONS) topCollection(doc, name);
	for (const section of RICH_SECTIONS) richSection(doc, section);
}

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('meta');
}

export function richSection(doc: Y.Doc, section: RichSection): Y.XmlFragment {
	return doc.getXmlFragment(section);
}

export function resolutionMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('resolution');
}

/** The Y.Text of a short-text field of the resolution data. */
export function resolutionText(
	doc: Y.Doc,
	field: FieldsOfKind<'resolution', 'text'>
): Y.Text | null {
	const text = resolutionMap(doc).get(field);
	return text instanceof Y.Text ? text : null;
}

/** The Sachverhalt's Y.XmlFragment, for TipTap. */
export function resolutionFacts(doc: Y.Doc): Y.XmlFragment | null {
	const fragment = resolutionMap(doc).get('facts');
	return fragment instanceof Y.XmlFragment ? fragment : null;
}

export function topCollection(doc: Y.Doc, collection: TopCollection): Y.Map<EntityMap> {
	return doc.getMap(collection);
}

/** The map holding a collection's entities, or null if the owning measure is gone. */
export function collectionMap(doc: Y.Doc, ref: CollectionRef): Y.Map<EntityMap> | null {
	if (isResolutionCollection(ref.collection)) {
		const nested = resolutionMap(doc).get(ref.collection);
		return nested instanceof Y.Map ? (nested as Y.Map<EntityMap>) : null;
	}
	if (!('measureId' in ref)) return topCollection(doc, ref.collection);
	const measure = topCollection(doc, 'measures').get(ref.measureId);
	const nested = measure?.get(ref.collection);
	return nested instanceof Y.Map ? (nested as Y.Map<EntityMap>) : null;
}

export function entityMap(doc: Y.Doc, ref: CollectionRef, id: string): EntityMap | null {
	const entity = collectionMap(doc, ref)?.get(id);
	return entity instanceof Y.Map ? entity : null;
}

/** The Y.Text of a short-text field, for binding an input to it. */
export function entityText(
	doc: Y.Doc,
	ref: CollectionRef,
	id: string,
	field: string
): Y.Text | null {
	const text = entityMap(doc, ref, id)?.get(field);
	return text instanceof Y.Text ? text : null;
}

/** The Y.XmlFragment of a long-text field, for TipTap. */
export function entityRich(
	doc: Y.Doc,
	ref: CollectionRef,
	id: string,
	field: string
): Y.XmlFragment | null {
	const fragment = entityMap(doc, ref, id)?.get(field);
	return fragment instanceof Y.XmlFragment ? fragment : null;
}
