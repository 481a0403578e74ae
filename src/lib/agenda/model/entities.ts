/**
 * What an agenda is made of: the kinds of entities, their fields and what kind of value each field
 * holds, and where the entity lists live. Plain data: the Y.Doc layout (`../ydoc/layout.ts`), the
 * zod schemas (`schema.ts`) and the text limits (`limits.ts`) are all derived from it.
 *
 * Field kinds: `text` is a short text, `rich` a long text (paragraphs, lists, marks), `value` a
 * plain JSON value, `set` a set of ids, `collection` a nested list of entities of the kind with the
 * same name.
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
	indicators: {
		name: 'text',
		/** The target in words („80 % der Anträge online bis 2028“); the numbers are below. */
		target: 'text',
		unit: 'text',
		baseline: 'value',
		baselineYear: 'value',
		targetValue: 'value',
		targetYear: 'value',
		/** `steigend` or `fallend`; null: read from baseline and target. */
		direction: 'value'
	},
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
		/** The Deckungsvorschlag in words; its amounts are the `coverageLines`. */
		coverageProposal: 'text',
		/** „Raum für zusätzliche Eintragungen“ of the finance section. */
		financeNotes: 'text',
		consultations: 'collection',
		coverageLines: 'collection'
	},
	/** One line of the Deckungsvorschlag: where (part of) the Mehrbedarf is covered from. */
	coverageLines: {
		amountCents: 'value',
		costUnit: 'text',
		account: 'text',
		/** Bezeichnung of the account or the budget item. */
		label: 'text'
	},
	/** The Beratungsfolge: one body's consultation of the Vorlage. */
	consultations: {
		body: 'text',
		date: 'value',
		/** When the Sitzung begins, `HH:MM` (Berlin time); null while not known. */
		time: 'value',
		/** The TOP's number on the body's Tagesordnung (`Ö 7.2`), once it is published. */
		agendaItem: 'text',
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

/** Collections inside the resolution data: the Beratungsfolge and the Deckungsvorschlag. */
export const RESOLUTION_COLLECTIONS = ['consultations', 'coverageLines'] as const;
export type ResolutionCollection = (typeof RESOLUTION_COLLECTIONS)[number];

export function isResolutionCollection(name: string): name is ResolutionCollection {
	return (RESOLUTION_COLLECTIONS as readonly string[]).includes(name);
}

/** Where an entity list lives: at the top, inside one measure, or in the resolution data. */
export type CollectionRef =
	| { collection: TopCollection }
	| { collection: MeasureCollection; measureId: string }
	| { collection: ResolutionCollection };
