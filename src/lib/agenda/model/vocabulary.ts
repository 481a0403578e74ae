/**
 * The fixed choices of the agenda model and its bounds. The values are stored in documents; their
 * names, in either language, come from `labels.ts` (exports ask for the German ones).
 */

export const PRIORITIES = ['hoch', 'mittel', 'niedrig'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const MEASURE_STATUSES = [
	'geplant',
	'in-vorbereitung',
	'in-umsetzung',
	'abgeschlossen',
	'zurueckgestellt'
] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export const COST_CATEGORIES = ['personal', 'sach', 'investition'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

/** Ergebnishaushalt: running expenses; Finanzhaushalt: investments (doppischer Haushalt). */
export const BUDGETS = ['ergebnis', 'finanz'] as const;
export type Budget = (typeof BUDGETS)[number];

export const INVENTORY_STATUSES = ['vorhanden', 'teilweise', 'in-planung', 'fehlt'] as const;
export type InventoryStatus = (typeof INVENTORY_STATUSES)[number];

export const QUARTERS = [1, 2, 3, 4] as const;

/** Years an agenda may plan in; wide enough for any strategy, narrow enough to catch typos. */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

/** Largest single amount: 100 million euros. Keeps every cent product exact in a double. */
export const MAX_AMOUNT_CENTS = 10_000_000_000;

/** Rates in basis points: 9000 = 90 %. */
export const MAX_RATE_BP = 10_000;

/** Lengths of short texts; long texts are rich text without a fixed limit here. */
export const SHORT_TEXT_MAX = 300;
export const SUMMARY_MAX = 2_000;

/** What a body does with a Vorlage in the Beratungsfolge (OParl `Consultation.role`). */
export const CONSULTATION_ROLES = ['vorberatung', 'entscheidung', 'kenntnisnahme'] as const;
export type ConsultationRole = (typeof CONSULTATION_ROLES)[number];

/** The outcome of one consultation, as council information systems record it. */
export const CONSULTATION_RESULTS = [
	'offen',
	'empfohlen',
	'beschlossen',
	'geaendert-beschlossen',
	'abgelehnt',
	'vertagt',
	'zur-kenntnis-genommen'
] as const;
export type ConsultationResult = (typeof CONSULTATION_RESULTS)[number];

/**
 * Which way an indicator should move: up (more online services) or down (fewer paper forms). An
 * indicator without one reads it from its baseline and target.
 */
export const INDICATOR_DIRECTIONS = ['steigend', 'fallend'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

/** Bounds of an indicator's baseline, target and measured values (a trillion either way). */
export const MAX_INDICATOR_VALUE = 1e12;
