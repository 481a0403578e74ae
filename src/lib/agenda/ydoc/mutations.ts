import * as Y from 'yjs';
import { generateId } from '../../id-format';
import {
	declareLayoutRoots,
	collectionMap,
	entityMap,
	metaMap,
	resolutionMap,
	topCollection
} from './layout';
import {
	ENTITY_FIELDS,
	META_TEXTS,
	type CollectionRef,
	type EntityKind,
	type FieldKind,
	type FieldsOfKind
} from '../model/entities';
import { ENTITY_SCHEMAS, metaSchema, type AgendaMeta } from '../model/schema';
import { LEGACY_COVERAGE_FIELDS, legacyCoverageLine } from '../model/legacy-coverage';
import { compareByOrder, orderKeyAt } from '../model/order';
import { richTextToXml } from './rich-text-xml';
import { type RichText } from '../model/rich-text';
import { applyTextChange } from './apply-text-change';

/**
 * Every change to an agenda document, each one Yjs transaction with the origin `LOCAL_EDIT`, so
 * that an undo manager tracking that origin undoes exactly this user's form edits. (TipTap's rich
 * text edits carry their own origin and have their own undo history.)
 */
export const LOCAL_EDIT = Symbol('agendawerk-local-edit');

type Ref<K extends EntityKind> = CollectionRef & { collection: K };

/** Initial values of a new entity: plain strings for texts, arrays for sets, rich text as JSON. */
export type NewEntity<K extends EntityKind> = {
	[F in keyof (typeof ENTITY_FIELDS)[K]]?: (typeof ENTITY_FIELDS)[K][F] extends 'text'
		? string
		: (typeof ENTITY_FIELDS)[K][F] extends 'rich'
			? RichText
			: (typeof ENTITY_FIELDS)[K][F] extends 'set'
				? string[]
				: (typeof ENTITY_FIELDS)[K][F] extends 'collection'
					? never
					: unknown;
};

/** What deleting an entity of a kind must also clear elsewhere, so no reference dangles. */
const REFERENCES: Partial<Record<EntityKind, (doc: Y.Doc, id: string) => void>> = {
	goals: (doc, id) => forEachMeasure(doc, (measure) => setMap(measure, 'goalIds').delete(id)),
	people: (doc, id) => forEachMeasure(doc, (measure) => setMap(measure, 'patronIds').delete(id)),
	fields: (doc, id) =>
		forEachMeasure(doc, (measure) => {
			if (measure.get('fieldId') === id) measure.set('fieldId', null);
		}),
	fundingSources: (doc, id) =>
		forEachMeasure(doc, (measure) => {
			const lines = measure.get('costLines');
			if (!(lines instanceof Y.Map)) return;
			for (const line of lines.values()) {
				if (line instanceof Y.Map && line.get('fundingSourceId') === id) {
					line.set('fundingSourceId', null);
					line.set('fundingCents', null);
				}
			}
		})
};

/**
 * Adds an entity at `index` (default: the end) and returns its id. Throws on values that do not
 * fit the model: callers validate user input first, so this is a programming error.
 */
export function addEntity<K extends EntityKind>(
	doc: Y.Doc,
	ref: Ref<K>,
	values: NewEntity<K>,
	index?: number
): string {
	const map = collectionMap(doc, ref);
	if (!map) throw new Error(`Sammlung ${ref.collection} nicht gefunden`);
	const id = generateId();
	const entity = new Y.Map<unknown>();
	const fields = ENTITY_FIELDS[ref.collection] as Record<string, FieldKind>;
	const schema = ENTITY_SCHEMAS[ref.collection];
	const given = values as Record<string, unknown>;
	for (const [field, kind] of Object.entries(fields)) {
		let value = given[field];
		if (kind === 'value') {
			// Unset values take the model's default; a field without one must be given.
			const checked = schema.shape[field as keyof typeof schema.shape].safeParse(value);
			if (!checked.success) throw new TypeError(`Ungültiger Wert für ${field}`);
			value = checked.data;
		}
		entity.set(field, initialField(kind, value));
	}
	doc.transact(() => {
		const siblings = sortedSiblings(map);
		entity.set('order', orderKeyAt(siblings, index ?? siblings.length));
		map.set(id, entity);
	}, LOCAL_EDIT);
	return id;
}

function initialField(kind: FieldKind, value: unknown): unknown {
	switch (kind) {
		case 'text':
			return new Y.Text(typeof value === 'string' ? value : '');
		case 'rich': {
			const fragment = new Y.XmlFragment();
			if (Array.isArray(value)) fragment.insert(0, richTextToXml(value as RichText));
			return fragment;
		}
		case 'set': {
			const members = new Y.Map<true>();
			for (const member of Array.isArray(value) ? (value as string[]) : [])
				members.set(member, true);
			return members;
		}
		case 'collection':
			return new Y.Map();
		case 'value':
			return value ?? null;
	}
}

/** Moves an entity to `index` among its siblings; only its `order` changes. */
export function moveEntity(doc: Y.Doc, ref: CollectionRef, id: string, index: number): boolean {
	const map = collectionMap(doc, ref);
	const entity = map?.get(id);
	if (!map || !(entity instanceof Y.Map)) return false;
	doc.transact(() => {
		const siblings = sortedSiblings(map).filter((sibling) => sibling.id !== id);
		entity.set('order', orderKeyAt(siblings, index));
	}, LOCAL_EDIT);
	return true;
}

/** Deletes an entity and every reference to it (a goal from measures, a source from cost lines …). */
export function removeEntity(doc: Y.Doc, ref: CollectionRef, id: string): boolean {
	const map = collectionMap(doc, ref);
	if (!map?.has(id)) return false;
	doc.transact(() => {
		map.delete(id);
		REFERENCES[ref.collection]?.(doc, id);
	}, LOCAL_EDIT);
	return true;
}

/** Sets a plain value field after checking it against the model; false (and no change) if invalid. */
export function setValue<K extends EntityKind>(
	doc: Y.Doc,
	ref: Ref<K>,
	id: string,
	field: FieldsOfKind<K, 'value'>,
	value: unknown
): boolean {
	const entity = entityMap(doc, ref, id);
	const schema = ENTITY_SCHEMAS[ref.collection];
	const checked = schema.shape[field as keyof typeof schema.shape].safeParse(value);
	if (!entity || !checked.success) return false;
	if (entity.get(field) === checked.data) return true;
	doc.transact(() => entity.set(field, checked.data), LOCAL_EDIT);
	return true;
}

/** Replaces a short text programmatically (typing goes through the input binding instead). */
export function setText<K extends EntityKind>(
	doc: Y.Doc,
	ref: Ref<K>,
	id: string,
	field: FieldsOfKind<K, 'text'>,
	value: string
): boolean {
	const text = entityMap(doc, ref, id)?.get(field);
	if (!(text instanceof Y.Text)) return false;
	doc.transact(() => applyTextChange(text, value), LOCAL_EDIT);
	return true;
}

/** Adds or removes one member of a set field (a measure's goals or patrons). */
export function toggleMember<K extends EntityKind>(
	doc: Y.Doc,
	ref: Ref<K>,
	id: string,
	field: FieldsOfKind<K, 'set'>,
	memberId: string,
	member: boolean
): boolean {
	const entity = entityMap(doc, ref, id);
	if (!entity) return false;
	const current = entity.get(field);
	if (current instanceof Y.Map && current.has(memberId) === member) return true;
	doc.transact(() => {
		const set = setMap(entity, field);
		if (member) set.set(memberId, true);
		else set.delete(memberId);
	}, LOCAL_EDIT);
	return true;
}

/** Makes a set field hold exactly `memberIds`, touching only what differs. */
export function setMembers<K extends EntityKind>(
	doc: Y.Doc,
	ref: Ref<K>,
	id: string,
	field: FieldsOfKind<K, 'set'>,
	memberIds: readonly string[]
): boolean {
	const entity = entityMap(doc, ref, id);
	if (!entity) return false;
	doc.transact(() => {
		const set = setMap(entity, field);
		const wanted = new Set(memberIds);
		for (const member of [...set.keys()]) if (!wanted.has(member)) set.delete(member);
		for (const member of wanted) if (!set.has(member)) set.set(member, true);
	}, LOCAL_EDIT);
	return true;
}

/** Changes title, municipality or period of the agenda; invalid values change nothing. */
export function setMeta(doc: Y.Doc, changes: Partial<AgendaMeta>): boolean {
	const checked = metaSchema.partial().safeParse(changes);
	if (!checked.success) return false;
	const meta = metaMap(doc);
	doc.transact(() => {
		// Only the keys given: the partial schema fills in its defaults ('', null) for all others.
		for (const key of Object.keys(checked.data) as (keyof AgendaMeta)[]) {
			const value = checked.data[key];
			if (changes[key] === undefined || value === undefined) continue;
			if (key === 'title' || key === 'municipality') {
				let text = meta.get(key);
				if (!(text instanceof Y.Text)) {
					text = new Y.Text();
					meta.set(key, text);
				}
				applyTextChange(text as Y.Text, value as string);
			} else {
				meta.set(key, value);
			}
		}
	}, LOCAL_EDIT);
	return true;
}

function sortedSiblings(map: Y.Map<Y.Map<unknown>>) {
	return [...map.entries()]
		.map(([id, entity]) => ({ id, order: String(entity.get('order') ?? '') }))
		.sort(compareByOrder);
}

function setMap(entity: Y.Map<unknown>, field: string): Y.Map<true> {
	const existing = entity.get(field);
	if (existing instanceof Y.Map) return existing as Y.Map<true>;
	const created = new Y.Map<true>();
	entity.set(field, created);
	return created;
}

function forEachMeasure(doc: Y.Doc, visit: (measure: Y.Map<unknown>) => void) {
	for (const measure of topCollection(doc, 'measures').values()) {
		if (measure instanceof Y.Map) visit(measure);
	}
}

/** Sets one plain value of the resolution data after checking it; false (no change) if invalid. */
export function setResolutionValue(
	doc: Y.Doc,
	field: FieldsOfKind<'resolution', 'value'>,
	value: unknown
): boolean {
	const checked = ENTITY_SCHEMAS.resolution.shape[field].safeParse(value);
	if (!checked.success) return false;
	const map = resolutionMap(doc);
	if (map.get(field) === checked.data) return true;
	doc.transact(() => map.set(field, checked.data), LOCAL_EDIT);
	return true;
}

/** Replaces a short text of the resolution data (e.g. taking over the default proposal). */
export function setResolutionText(
	doc: Y.Doc,
	field: FieldsOfKind<'resolution', 'text'>,
	value: string
): boolean {
	const text = resolutionMap(doc).get(field);
	if (!(text instanceof Y.Text)) return false;
	doc.transact(() => applyTextChange(text, value), LOCAL_EDIT);
	return true;
}

/**
 * Lays out a new agenda document: meta texts exist from the start, so that no two editors ever
 * create the same shared type concurrently (one of them would be lost).
 */
export function initialiseAgenda(doc: Y.Doc, meta: AgendaMeta): void {
	doc.transact(() => {
		const map = metaMap(doc);
		map.set('title', new Y.Text(meta.title));
		map.set('municipality', new Y.Text(meta.municipality));
		map.set('periodStart', meta.periodStart);
		map.set('periodEnd', meta.periodEnd);
		ensureLayout(doc);
	}, LOCAL_EDIT);
}

/**
 * Creates the shared types of the layout that a document lacks (documents made before a part of
 * the layout existed). Only the server calls this, when it loads a document and before anyone
 * edits it, so a shared type is never created twice concurrently. Returns whether it changed
 * anything.
 */
export function ensureLayout(doc: Y.Doc): boolean {
	let changed = false;
	declareLayoutRoots(doc);
	doc.transact(() => {
		const meta = metaMap(doc);
		for (const key of META_TEXTS) {
			if (meta.get(key) instanceof Y.Text) continue;
			// A document without the text starts empty; a wrong type is replaced (readers ignore it).
			meta.set(key, new Y.Text());
			changed = true;
		}
		const resolution = resolutionMap(doc);
		for (const [field, kind] of Object.entries(ENTITY_FIELDS.resolution) as [string, FieldKind][]) {
			if (kind === 'value' || hasKind(resolution.get(field), kind)) continue;
			resolution.set(field, initialField(kind, undefined));
			changed = true;
		}
		if (moveLegacyCoverage(doc)) changed = true;
	}, LAYOUT_UPGRADE);
	return changed;
}

/** The single Deckungsvorschlag line of older documents becomes the first of `coverageLines`. */
function moveLegacyCoverage(doc: Y.Doc): boolean {
	const resolution = resolutionMap(doc);
	if (!LEGACY_COVERAGE_FIELDS.some((field) => resolution.has(field))) return false;
	const plain = (value: unknown) => (value instanceof Y.Text ? value.toString() : value);
	const line = legacyCoverageLine(
		Object.fromEntries(LEGACY_COVERAGE_FIELDS.map((field) => [field, plain(resolution.get(field))]))
	);
	// The collection exists: ensureLayout created it just before.
	if (line) {
		const checked = ENTITY_SCHEMAS.coverageLines.shape.amountCents.safeParse(line.amountCents);
		addEntity(
			doc,
			{ collection: 'coverageLines' },
			{ ...line, amountCents: checked.success ? checked.data : null }
		);
	}
	for (const field of LEGACY_COVERAGE_FIELDS) resolution.delete(field);
	return true;
}

/** Origin of the server's layout upgrades, so they are never part of anyone's undo history. */
export const LAYOUT_UPGRADE = Symbol('agendawerk-layout-upgrade');

function hasKind(value: unknown, kind: FieldKind): boolean {
	switch (kind) {
		case 'text':
			return value instanceof Y.Text;
		case 'rich':
			return value instanceof Y.XmlFragment;
		case 'set':
		case 'collection':
			return value instanceof Y.Map;
		case 'value':
			return true;
	}
}
