/**
 * The words of Umsetzungsmonitoring: after the council's vote, how far each measure (and each
 * item of the Bestandsaufnahme) has come. Stored as these keys; German and English labels in
 * `$lib/labels`.
 */

/** Where a measure stands. `verzoegert` and `gestoppt` need a reason. */
export const IMPLEMENTATION_STATUSES = [
	'unbekannt',
	'nicht-begonnen',
	'in-arbeit',
	'verzoegert',
	'abgeschlossen',
	'gestoppt'
] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];

export const STATUSES_WITH_REASON: readonly ImplementationStatus[] = ['verzoegert', 'gestoppt'];

/** Statuses that say the work has begun (the first report with one dates the actual start). */
export const STARTED_STATUSES: readonly ImplementationStatus[] = [
	'in-arbeit',
	'verzoegert',
	'abgeschlossen'
];

/** What a monitored item is in the resolved plan. */
export const MONITORED_KINDS = ['measure', 'inventory'] as const;
export type MonitoredKind = (typeof MONITORED_KINDS)[number];

/**
 * The dated facts patrons and editors report: a Sachstand (status, progress, text), a milestone
 * reached, an indicator's value, the actual costs and funding received in a year.
 */
export const FACT_KINDS = ['report', 'milestone', 'indicator', 'finance'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/**
 * A fact's way to the public: written (draft), handed in (submitted), then approved by an owner
 * or returned with a remark (and then edited and submitted again). Only approved facts count.
 */
export const FACT_STATES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type FactState = (typeof FACT_STATES)[number];

/** The council's decision on a Fassung that makes it the resolved plan. */
export const DECISION_RESULTS = ['beschlossen', 'geaendert-beschlossen'] as const;
export type DecisionResult = (typeof DECISION_RESULTS)[number];

/** Progress in percent, whole numbers. */
export const PROGRESS_MIN = 0;
export const PROGRESS_MAX = 100;
