import * as Y from 'yjs';

/**
 * The Y.Doc layout of one agenda: the single place that says which shared type holds what.
 *
 * - `meta` (Y.Map): title and municipality (Y.Text), periodStart/periodEnd (numbers).
 * - `ausgangslage`, `leitbild` (Y.XmlFragment): long texts, edited with TipTap.
 * - one top-level Y.Map per collection below, keyed by entity id; each entity is a Y.Map holding
 *   `order` (a fractional index: sort by it, then by id) and its fields by kind:
 *   `text` → Y.Text, `rich` → Y.XmlFragment, `value` → plain JSON value, `set` → Y.Map<id, true>
 *   (concurrent adds and removes of different members both survive), `collection` → a nested
 *   Y.Map of entities of the collection with the same name.
 * - `resolution` (Y.Map): the Beschlussvorlage data. The map itself is one entity of kind
 *   `resolution` (without `order`); its Beratungsfolge is the nested collection `consultations`.
 *   Its shared types are created once, by `ensureLayout`, never by two editors at the same time.
 *
 * Entities never live at positions in a Y.Array: moving one changes only its `order`, so a move
 * and a concurrent edit of the same entity both survive.
 */
export const ENTITY_FIELDS = {
	inventory: { title: 'text', status: 'value', note: 'text' },
	principles: { title: 'text', description: 'text' },
	goals: { title: 'text', description: 'text' },
	fields: { title: 'text', description: 'text' },
	people: { name: 'text', organisation: 'text', userId: 'value' },
	fundingSources: { name: 'text', rateBp: 'value', notes: 'text' },
	measures: {
		title: 'text',
		summary: 'text',
		description: 'rich',
		fieldId: 'value',
		goalIds: 'set',
		patronIds: 'set',
		implementationGroup: 'text',
		priority: 'value',
		status: 'value',
		startYear: 'value',
		startQuarter: 'value',
		endYear: 'value',
		endQuarter: 'value',
		milestones: 'collection',
		indicators: 'collection',
		costLines: 'collection',
		followUpCosts: 'collection'
	},
	milestones: { title: 'text', dueYear: 'value', dueQuarter: 'value', done: 'value' },
	indicators: { name: 'text', target: 'text', unit: 'text' },
	costLines: {
		label: 'text',
		year: 'value',
		category: 'value',
		budget: 'value',
		amountCents: 'value',
		fundingSourceId: 'value',
		fundingCents: 'value'
	},
	followUpCosts: {
		label: 'text',
		annualCents: 'value',
		fromYear: 'value',
		years: 'value',
		budget: 'value'
	},
	resolution: {
		/** Vorlage-Nr., e.g. `2026/0123`. */
		reference: 'text',
		/** ISO date `YYYY-MM-DD` of the Vorlage. */
		date: 'value',
		submitter: 'text',
		leadDepartment: 'text',
		public: 'value',
		/** The Beschlussvorschlag; empty means the default built from title and period. */
		proposal: 'text',
		/** The free Sachverhalt text, before the generated sections. */
		facts: 'rich',
		meansPlanned: 'value',
		plannedMeansCents: 'value',
		coverageProposal: 'text',
		coverageCents: 'value',
		costUnit: 'text',
		account: 'text',
		financeNotes: 'text',
		consultations: 'collection'
	},
	/** The Beratungsfolge: one body's consultation of the Vorlage. */
	consultations: {
		body: 'text',
		date: 'value',
		role: 'value',
		result: 'value',
		votum: 'text'
	}
} as const;

export type EntityKind = keyof typeof ENTITY_FIELDS;
export type FieldKind = 'text' | 'rich' | 'value' | 'set' | 'collection';
export type FieldName<K extends EntityKind> = keyof (typeof ENTITY_FIELDS)[K] & string;
export type FieldsOfKind<K extends EntityKind, F extends FieldKind> = {
	[N in FieldName<K>]: (typeof ENTITY_FIELDS)[K][N] extends F ? N : never;
}[FieldName<K>];

/** Collections at the top of the document. */
export const TOP_COLLECTIONS = [
	'inventory',
	'principles',
	'goals',
	'fields',
	'people',
	'fundingSources',
	'measures'
] as const;
export type TopCollection = (typeof TOP_COLLECTIONS)[number];

/** Collections inside a measure. */
export const MEASURE_COLLECTIONS = [
	'milestones',
	'indicators',
	'costLines',
	'followUpCosts'
] as const;
export type MeasureCollection = (typeof MEASURE_COLLECTIONS)[number];

export const RICH_SECTIONS = ['ausgangslage', 'leitbild'] as const;
export type RichSection = (typeof RICH_SECTIONS)[number];

export const META_TEXTS = ['title', 'municipality'] as const;
export const META_VALUES = ['periodStart', 'periodEnd'] as const;

/** Where an entity list lives: at the top, inside one measure, or in the resolution data. */
export type CollectionRef =
	| { collection: TopCollection }
	| { collection: MeasureCollection; measureId: string }
	| { collection: 'consultations' };

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
	if (ref.collection === 'consultations') {
		const nested = resolutionMap(doc).get('consultations');
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
