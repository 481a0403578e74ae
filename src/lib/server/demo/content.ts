import type * as Y from 'yjs';
import { type MeasureCollection } from '../../agenda/model/entities';
import { addEntity, type NewEntity } from '../../agenda/ydoc/mutations';
import type { RichText } from '../../agenda/model/rich-text';
import type {
	Budget,
	CostCategory,
	InventoryStatus,
	MeasureStatus,
	Priority
} from '../../agenda/model/vocabulary';

/**
 * What both demo agendas are made of, and the one routine that writes it into a document: the
 * Bestandsaufnahme, Leitlinien, goals, fields of action, people, funding sources and measures.
 * Each demo adds what only it has (Musterstadt its texts and Beschlussvorlage) around this.
 */
export interface DemoMeasure {
	title: string;
	summary: string;
	description: RichText;
	field: number;
	goals: number[];
	patrons: number[];
	group: string;
	priority: Priority;
	status: MeasureStatus;
	start: [number, number];
	end: [number, number];
	/** year, category, budget, euros */
	costs: [number, CostCategory, Budget, number, string][];
	/** label, euros per year, from year, years */
	followUp?: [string, number, number, number];
	milestones?: [string, number, number][];
	/** Name, target in words and unit, with the plan's baseline and target numbers. */
	indicators?: (NewEntity<'indicators'> & { name: string })[];
	/** Index of the funding source of its cost lines in `DemoContent.sources`; null: unfunded. */
	source: number | null;
}

type Pair = readonly [string, string];

export interface DemoContent {
	/** title, status, note */
	inventory: readonly (readonly [string, InventoryStatus, string])[];
	/** title, description */
	principles: readonly Pair[];
	goals: readonly Pair[];
	fields: readonly Pair[];
	/** name, organisation, the user linked to the person (who may then report as patron) */
	people: readonly (readonly [string, string, string | null])[];
	/** name, rate in basis points, notes */
	sources: readonly (readonly [string, number, string])[];
	measures: readonly DemoMeasure[];
}

/** Writes the content into `doc`; the caller wraps it in its transaction. */
export function fillDemoContent(doc: Y.Doc, content: DemoContent): void {
	for (const [title, status, note] of content.inventory) {
		addEntity(doc, { collection: 'inventory' }, { title, status, note });
	}
	for (const [title, description] of content.principles) {
		addEntity(doc, { collection: 'principles' }, { title, description });
	}
	const goalIds = content.goals.map(([title, description]) =>
		addEntity(doc, { collection: 'goals' }, { title, description })
	);
	const fieldIds = content.fields.map(([title, description]) =>
		addEntity(doc, { collection: 'fields' }, { title, description })
	);
	const personIds = content.people.map(([name, organisation, userId]) =>
		addEntity(doc, { collection: 'people' }, { name, organisation, userId })
	);
	const sourceIds = content.sources.map(([name, rateBp, notes]) =>
		addEntity(doc, { collection: 'fundingSources' }, { name, rateBp, notes })
	);
	for (const measure of content.measures) {
		const sourceId = measure.source === null ? null : (sourceIds[measure.source] ?? null);
		addDemoMeasure(doc, measure, { goalIds, fieldIds, personIds, sourceId });
	}
}

/** Adds one measure with its cost lines (all from `sourceId`, or unfunded with null). */
function addDemoMeasure(
	doc: Y.Doc,
	measure: DemoMeasure,
	ids: { goalIds: string[]; fieldIds: string[]; personIds: string[]; sourceId: string | null }
) {
	const pick = (list: string[], indexes: number[]) => indexes.map((index) => list[index] ?? '');
	const measureId = addEntity(
		doc,
		{ collection: 'measures' },
		{
			title: measure.title,
			summary: measure.summary,
			description: measure.description,
			fieldId: ids.fieldIds[measure.field] ?? null,
			goalIds: pick(ids.goalIds, measure.goals),
			patronIds: pick(ids.personIds, measure.patrons),
			implementationGroup: measure.group,
			priority: measure.priority,
			status: measure.status,
			startYear: measure.start[0],
			startQuarter: measure.start[1],
			endYear: measure.end[0],
			endQuarter: measure.end[1]
		}
	);
	const inMeasure = <C extends MeasureCollection>(collection: C) => ({ collection, measureId });
	for (const [year, category, budget, euros, label] of measure.costs) {
		addEntity(doc, inMeasure('costLines'), {
			label,
			year,
			category,
			budget,
			amountCents: euros * 100,
			fundingSourceId: ids.sourceId
		});
	}
	if (measure.followUp) {
		const [label, euros, fromYear, years] = measure.followUp;
		addEntity(doc, inMeasure('followUpCosts'), {
			label,
			annualCents: euros * 100,
			fromYear,
			years
		});
	}
	for (const [title, dueYear, dueQuarter] of measure.milestones ?? []) {
		addEntity(doc, inMeasure('milestones'), { title, dueYear, dueQuarter, done: false });
	}
	for (const indicator of measure.indicators ?? []) {
		addEntity(doc, inMeasure('indicators'), indicator);
	}
}
