import { z } from 'zod';
import { richTextSchema, type RichText } from './rich-text';
import {
	BUDGETS,
	CONSULTATION_RESULTS,
	CONSULTATION_ROLES,
	COST_CATEGORIES,
	INDICATOR_DIRECTIONS,
	INVENTORY_STATUSES,
	MAX_AMOUNT_CENTS,
	MAX_INDICATOR_VALUE,
	MAX_RATE_BP,
	MEASURE_STATUSES,
	PRIORITIES,
	YEAR_MAX,
	YEAR_MIN
} from './vocabulary';
import type { EntityKind } from './entities';

/**
 * The typed, validated shape of an agenda as everything outside the editor sees it. Fields with a
 * default fall back to it when the document holds something invalid; fields without one make the
 * entity invalid, so it is left out. Both are reported by `readAgenda`, never thrown.
 */
const id = z.string().min(1).max(64);
const order = z.string().max(200).default('a0');
const year = z.number().int().min(YEAR_MIN).max(YEAR_MAX);
const quarter = z.number().int().min(1).max(4);
const cents = z.number().int().min(0).max(MAX_AMOUNT_CENTS);
const text = z.string().default('');
const idSet = z.array(z.string()).default([]);
/** An indicator's baseline or target: any finite number within the bounds of a measured value. */
const indicatorNumber = z.number().min(-MAX_INDICATOR_VALUE).max(MAX_INDICATOR_VALUE);
/** A calendar date as `YYYY-MM-DD` that exists (no 31 February). */
const isoDate = z.iso.date();
/** A time of day as `HH:MM`, 00:00 to 23:59. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const ENTITY_SCHEMAS = {
	inventory: z.object({
		id,
		order,
		title: text,
		status: z.enum(INVENTORY_STATUSES).default('in-planung'),
		note: text
	}),
	principles: z.object({ id, order, title: text, description: text }),
	goals: z.object({ id, order, title: text, description: text }),
	fields: z.object({ id, order, title: text, description: text }),
	people: z.object({
		id,
		order,
		name: text,
		organisation: text,
		userId: id.nullable().default(null)
	}),
	fundingSources: z.object({
		id,
		order,
		name: text,
		rateBp: z.number().int().min(0).max(MAX_RATE_BP).default(0),
		notes: text
	}),
	measures: z.object({
		id,
		order,
		title: text,
		summary: text,
		description: richTextSchema.default([]),
		fieldId: id.nullable().default(null),
		goalIds: idSet,
		patronIds: idSet,
		implementationGroup: text,
		priority: z.enum(PRIORITIES).default('mittel'),
		status: z.enum(MEASURE_STATUSES).default('geplant'),
		startYear: year.nullable().default(null),
		startQuarter: quarter.nullable().default(null),
		endYear: year.nullable().default(null),
		endQuarter: quarter.nullable().default(null)
	}),
	milestones: z.object({
		id,
		order,
		title: text,
		dueYear: year.nullable().default(null),
		dueQuarter: quarter.nullable().default(null),
		done: z.boolean().default(false)
	}),
	indicators: z.object({
		id,
		order,
		name: text,
		target: text,
		unit: text,
		/** Plans written before these fields existed have none of them: null. */
		baseline: indicatorNumber.nullable().default(null),
		baselineYear: year.nullable().default(null),
		targetValue: indicatorNumber.nullable().default(null),
		targetYear: year.nullable().default(null),
		direction: z.enum(INDICATOR_DIRECTIONS).nullable().default(null)
	}),
	costLines: z.object({
		id,
		order,
		label: text,
		year,
		category: z.enum(COST_CATEGORIES).default('sach'),
		budget: z.enum(BUDGETS).default('ergebnis'),
		amountCents: cents,
		fundingSourceId: id.nullable().default(null),
		/** A fixed grant for this line; null: the source's rate applies. */
		fundingCents: cents.nullable().default(null)
	}),
	followUpCosts: z.object({
		id,
		order,
		label: text,
		annualCents: cents,
		fromYear: year,
		years: z.number().int().min(1).max(50).default(1),
		budget: z.enum(BUDGETS).default('ergebnis')
	}),
	resolution: z.object({
		reference: text,
		date: isoDate.nullable().default(null),
		submitter: text,
		leadDepartment: text,
		/** Öffentlich or nicht öffentlich; null: nobody has decided yet. */
		public: z.boolean().nullable().default(null),
		proposal: text,
		facts: richTextSchema.default([]),
		/** Whether the means are already in the budget; null: not answered yet. */
		meansPlanned: z.boolean().nullable().default(null),
		plannedMeansCents: cents.nullable().default(null),
		coverageProposal: text,
		financeNotes: text
	}),
	coverageLines: z.object({
		id,
		order,
		amountCents: cents.nullable().default(null),
		costUnit: text,
		account: text,
		label: text
	}),
	consultations: z.object({
		id,
		order,
		body: text,
		date: isoDate.nullable().default(null),
		time: clockTime.nullable().default(null),
		agendaItem: text,
		role: z.enum(CONSULTATION_ROLES).default('vorberatung'),
		result: z.enum(CONSULTATION_RESULTS).default('offen'),
		votum: text
	})
} satisfies Record<EntityKind, z.ZodObject>;

export type InventoryItem = z.output<(typeof ENTITY_SCHEMAS)['inventory']>;
export type Principle = z.output<(typeof ENTITY_SCHEMAS)['principles']>;
export type Goal = z.output<(typeof ENTITY_SCHEMAS)['goals']>;
export type FieldOfAction = z.output<(typeof ENTITY_SCHEMAS)['fields']>;
export type Person = z.output<(typeof ENTITY_SCHEMAS)['people']>;
export type FundingSource = z.output<(typeof ENTITY_SCHEMAS)['fundingSources']>;
export type Milestone = z.output<(typeof ENTITY_SCHEMAS)['milestones']>;
export type Indicator = z.output<(typeof ENTITY_SCHEMAS)['indicators']>;
export type CostLine = z.output<(typeof ENTITY_SCHEMAS)['costLines']>;
export type FollowUpCost = z.output<(typeof ENTITY_SCHEMAS)['followUpCosts']>;
export type Measure = z.output<(typeof ENTITY_SCHEMAS)['measures']> & {
	milestones: Milestone[];
	indicators: Indicator[];
	costLines: CostLine[];
	followUpCosts: FollowUpCost[];
};

export type Consultation = z.output<(typeof ENTITY_SCHEMAS)['consultations']>;
export type CoverageLine = z.output<(typeof ENTITY_SCHEMAS)['coverageLines']>;
export type Resolution = z.output<(typeof ENTITY_SCHEMAS)['resolution']> & {
	consultations: Consultation[];
	coverageLines: CoverageLine[];
};

/** Resolution data with nothing filled in yet. */
export function emptyResolution(): Resolution {
	return { ...ENTITY_SCHEMAS.resolution.parse({}), consultations: [], coverageLines: [] };
}

export type EntityValues<K extends EntityKind> = z.input<(typeof ENTITY_SCHEMAS)[K]>;

export const metaSchema = z.object({
	title: z.string().default(''),
	municipality: z.string().default(''),
	periodStart: year.nullable().default(null),
	periodEnd: year.nullable().default(null)
});
export type AgendaMeta = z.output<typeof metaSchema>;

export interface Agenda {
	meta: AgendaMeta;
	ausgangslage: RichText;
	leitbild: RichText;
	inventory: InventoryItem[];
	principles: Principle[];
	goals: Goal[];
	fields: FieldOfAction[];
	people: Person[];
	fundingSources: FundingSource[];
	measures: Measure[];
	/** The Beschlussvorlage data (Vorlage-Nr., Beratungsfolge, finance fields …). */
	resolution: Resolution;
}

/** Something in the document that did not fit the model: where, and what was done about it. */
export interface Problem {
	path: string;
	message: string;
}
