import {
	additionalNeedCents,
	agendaFinance,
	coverageTotals,
	type SourceTotals,
	type Totals,
	type YearTotals
} from '../agenda/model/finance';
import type { Agenda, Measure } from '../agenda/model/schema';
import type { RichText } from '../agenda/model/rich-text';
import {
	BUDGETS,
	type Budget,
	type ConsultationResult,
	type ConsultationRole
} from '../agenda/model/vocabulary';
import { consultationResultLabel, consultationRoleLabel } from '../labels';
import type { DecidingBody } from './deciding-body';
import { defaultProposal, periodText } from './proposal';

/**
 * The Beschlussvorlage as data: everything a council resolution draft says, built from an
 * `Agenda` (the live draft or a Fassung) and the participation summary. Pure: no I/O, no
 * formatting of money (amounts stay cents; the document builders format them), and every amount
 * is taken from the finance module, never added up here.
 */
export interface ResolutionDraft {
	source: DraftSource;
	agenda: { title: string; municipality: string; period: string | null };
	header: ResolutionHeader;
	consultations: DraftConsultation[];
	proposal: { text: string; isDefault: boolean };
	facts: DraftFacts;
	/** Consultations that have a result or a Votum, in the order of the Beratungsfolge. */
	votes: DraftConsultation[];
	finance: DraftFinance;
	annexes: Annex[];
	warnings: DraftWarning[];
}

export type DraftSource =
	{ kind: 'draft' } | { kind: 'fassung'; number: number; name: string; frozenAt: Date };

export interface ResolutionHeader {
	/** Vorlage-Nr.; null when not filled in. */
	reference: string | null;
	/** ISO date; null when not filled in. */
	date: string | null;
	submitter: string | null;
	leadDepartment: string | null;
	/** Öffentlich or nicht öffentlich; null while nobody has decided. */
	public: boolean | null;
	/** Betreff: the agenda's title. */
	subject: string;
}

export interface DraftConsultation {
	id: string;
	body: string | null;
	date: string | null;
	/** Beginn der Sitzung, `HH:MM`; null while not known. */
	time: string | null;
	/** TOP-Nr. on the body's Tagesordnung; null until it is published. */
	agendaItem: string | null;
	role: ConsultationRole;
	roleLabel: string;
	result: ConsultationResult;
	resultLabel: string;
	votum: string | null;
	/** Where the decision is taken (OParl `authoritative`). */
	authoritative: boolean;
}

export interface DraftFacts {
	/** The owners' free Sachverhalt text. */
	text: RichText;
	goals: { id: string; title: string; description: string }[];
	measures: DraftMeasure[];
	/** Sums over all measures (from the finance module). */
	totals: Totals;
	participation: ParticipationSummary | null;
}

export interface DraftMeasure {
	id: string;
	title: string;
	field: string | null;
	patrons: string[];
	/** `2026/Q1 – 2027/Q4`, `ab 2026`; null without a start or end. */
	period: string | null;
	costCents: number;
	fundingCents: number;
}

/** How citizens took part, with the numbers of the Beteiligungsbericht. */
/** How citizens took part in one or more rounds: counts as the Beteiligungsbericht has them. */
export interface ParticipationFigures {
	/** Distinct people who commented or supported; over several rounds each person counts once. */
	participants: number;
	comments: number;
	replies: number;
	supports: number;
	/** Comments (not replies) with a published answer of the AG. */
	answered: number;
	/** Comments (not replies) without a published answer. */
	unanswered: number;
	/** How the AG decided on comments: German label and count, in the order of the dispositions. */
	dispositions: { label: string; count: number }[];
}

/** One round of participation: a phase on a Fassung, numbered from 1 by its start. */
export interface RoundSummary extends ParticipationFigures {
	round: number;
	version: { number: number; name: string };
	phase: { startsAt: Date; endsAt: Date };
	/** At the time of the export: still running, or over. */
	state: 'open' | 'closed';
}

/** Every round that has begun up to the exported Fassung, oldest first, and their total. */
export interface ParticipationSummary {
	rounds: RoundSummary[];
	total: ParticipationFigures;
}

export interface DraftFinance {
	/** Finanzielle Auswirkungen: Ja when anything costs money. */
	hasImpact: boolean;
	/** Which budget the costs touch (Ergebnishaushalt, Finanzhaushalt). */
	budgets: Record<Budget, boolean>;
	byBudget: Record<Budget, Totals>;
	meansPlanned: boolean | null;
	plannedMeansCents: number | null;
	totals: Totals;
	bySource: SourceTotals[];
	byYear: YearTotals[];
	/** Mehrbedarf: own share − planned means, never below 0; null while unknown. */
	additionalNeedCents: number | null;
	followUp: { totalCents: number; byYear: { year: number; cents: number }[] };
	coverage: DraftCoverage;
	/** „Raum für zusätzliche Eintragungen“. */
	notes: string | null;
}

/** The Deckungsvorschlag: how the Mehrbedarf is covered, in words and in lines. */
export interface DraftCoverage {
	proposal: string | null;
	lines: DraftCoverageLine[];
	/** Sum of the lines' amounts. */
	coveredCents: number;
	/** Mehrbedarf the lines leave uncovered; null while the Mehrbedarf is unknown. */
	uncoveredCents: number | null;
}

export interface DraftCoverageLine {
	id: string;
	amountCents: number | null;
	costUnit: string | null;
	account: string | null;
	/** Bezeichnung of the account or budget item. */
	label: string | null;
}

export interface Annex {
	number: number;
	title: string;
	/** Which export holds it. */
	kind: 'strategy' | 'participation-report' | 'finance-plan';
}

export type DraftWarning =
	| { code: 'reference-missing' | 'date-missing' | 'submitter-missing' | 'lead-missing' }
	| { code: 'consultations-missing' | 'decision-missing' | 'period-missing' }
	| { code: 'consultation-incomplete'; consultationId: string; position: number }
	| { code: 'public-missing' }
	| { code: 'means-planned-missing' | 'planned-means-missing' | 'coverage-missing' }
	| { code: 'coverage-short'; uncoveredCents: number }
	| { code: 'participation-missing' }
	| {
			code: 'measure-without-patron' | 'costs-without-source';
			measureId: string;
			measureTitle: string;
	  };

export type DraftWarningCode = DraftWarning['code'];

export interface DraftInput {
	agenda: Agenda;
	source: DraftSource;
	participation: ParticipationSummary | null;
	/** The municipality's deciding body (instance setting); null while none is set. */
	decidingBody: DecidingBody | null;
}

const filled = (text: string): string | null => (text.trim() === '' ? null : text.trim());

export function buildResolutionDraft({
	agenda,
	source,
	participation,
	decidingBody
}: DraftInput): ResolutionDraft {
	const { resolution, meta } = agenda;
	const finance = agendaFinance(agenda);
	const consultations = resolution.consultations.map((entry): DraftConsultation => ({
		id: entry.id,
		body: filled(entry.body),
		date: entry.date,
		time: entry.time,
		agendaItem: filled(entry.agendaItem),
		role: entry.role,
		roleLabel: consultationRoleLabel(entry.role, 'de'),
		result: entry.result,
		resultLabel: consultationResultLabel(entry.result, 'de'),
		votum: filled(entry.votum),
		authoritative: entry.role === 'entscheidung'
	}));
	const people = new Map(agenda.people.map((person) => [person.id, person.name]));
	const fields = new Map(agenda.fields.map((field) => [field.id, field.title]));
	const measureFinance = new Map(finance.measures.map((entry) => [entry.measureId, entry]));
	const measures = agenda.measures.map((measure): DraftMeasure => {
		const totals = measureFinance.get(measure.id);
		return {
			id: measure.id,
			title: measure.title,
			field: measure.fieldId === null ? null : (fields.get(measure.fieldId) ?? null),
			patrons: measure.patronIds.flatMap((id) => {
				const name = people.get(id);
				return name ? [name] : [];
			}),
			period: measurePeriod(measure),
			costCents: totals?.costCents ?? 0,
			fundingCents: totals?.fundingCents ?? 0
		};
	});
	const budgets = Object.fromEntries(
		BUDGETS.map((budget) => [budget, finance.byBudget[budget].costCents > 0])
	) as Record<Budget, boolean>;
	const proposal = filled(resolution.proposal);
	const need = additionalNeedCents(
		finance.ownShareCents,
		resolution.meansPlanned,
		resolution.plannedMeansCents
	);
	const draft: ResolutionDraft = {
		source,
		agenda: { title: meta.title, municipality: meta.municipality, period: periodText(meta) },
		header: {
			reference: filled(resolution.reference),
			date: resolution.date,
			submitter: filled(resolution.submitter),
			leadDepartment: filled(resolution.leadDepartment),
			public: resolution.public,
			subject: meta.title
		},
		consultations,
		proposal: {
			text: proposal ?? defaultProposal(meta, decidingBody),
			isDefault: proposal === null
		},
		facts: {
			text: resolution.facts,
			goals: agenda.goals.map(({ id, title, description }) => ({ id, title, description })),
			measures,
			totals: {
				costCents: finance.costCents,
				fundingCents: finance.fundingCents,
				ownShareCents: finance.ownShareCents
			},
			participation
		},
		votes: consultations.filter((entry) => entry.result !== 'offen' || entry.votum !== null),
		finance: {
			hasImpact: finance.costCents > 0 || finance.followUp.totalCents > 0,
			budgets,
			byBudget: finance.byBudget,
			meansPlanned: resolution.meansPlanned,
			plannedMeansCents: resolution.plannedMeansCents,
			totals: {
				costCents: finance.costCents,
				fundingCents: finance.fundingCents,
				ownShareCents: finance.ownShareCents
			},
			bySource: finance.bySource,
			byYear: finance.byYear,
			additionalNeedCents: need,
			followUp: finance.followUp,
			coverage: {
				proposal: filled(resolution.coverageProposal),
				lines: resolution.coverageLines.map((line) => ({
					id: line.id,
					amountCents: line.amountCents,
					costUnit: filled(line.costUnit),
					account: filled(line.account),
					label: filled(line.label)
				})),
				...coverageTotals(resolution.coverageLines, need)
			},
			notes: filled(resolution.financeNotes)
		},
		// The Beteiligungsbericht comes last: without a participation there is none, and the
		// numbers of the other Anlagen stay the same either way.
		annexes: [
			{ number: 1, title: meta.title.trim() || 'Digitale Agenda', kind: 'strategy' },
			{ number: 2, title: 'Finanzplan', kind: 'finance-plan' },
			...(participation
				? [{ number: 3, title: 'Beteiligungsbericht', kind: 'participation-report' as const }]
				: [])
		],
		warnings: []
	};
	draft.warnings = draftWarnings(draft, agenda);
	return draft;
}

/** The words around an open-ended schedule, in the languages of the UI. */
const OPEN_PERIOD = {
	de: { from: 'ab', until: 'bis' },
	en: { from: 'from', until: 'until' }
} as const;

/**
 * `Q1/2026 – Q4/2027` as council documents write a schedule; null without any year. Documents are
 * German; the team's pages pass the reader's language for „ab …“ / „bis …“.
 */
export function measurePeriod(
	measure: Pick<Measure, 'startYear' | 'startQuarter' | 'endYear' | 'endQuarter'>,
	locale: keyof typeof OPEN_PERIOD = 'de'
): string | null {
	const point = (year: number | null, quarter: number | null) =>
		year === null ? null : quarter === null ? String(year) : `Q${quarter}/${year}`;
	const start = point(measure.startYear, measure.startQuarter);
	const end = point(measure.endYear, measure.endQuarter);
	const words = OPEN_PERIOD[locale];
	if (start && end) return start === end ? start : `${start} – ${end}`;
	if (start) return `${words.from} ${start}`;
	if (end) return `${words.until} ${end}`;
	return null;
}

/** What a clerk should fill in or check before the Vorlage goes out. */
function draftWarnings(draft: ResolutionDraft, agenda: Agenda): DraftWarning[] {
	const warnings: DraftWarning[] = [];
	const { header, finance } = draft;
	if (header.reference === null) warnings.push({ code: 'reference-missing' });
	if (header.date === null) warnings.push({ code: 'date-missing' });
	if (header.submitter === null) warnings.push({ code: 'submitter-missing' });
	if (header.leadDepartment === null) warnings.push({ code: 'lead-missing' });
	if (header.public === null) warnings.push({ code: 'public-missing' });
	if (draft.agenda.period === null) warnings.push({ code: 'period-missing' });
	if (draft.consultations.length === 0) warnings.push({ code: 'consultations-missing' });
	else if (!draft.consultations.some((entry) => entry.authoritative)) {
		warnings.push({ code: 'decision-missing' });
	}
	draft.consultations.forEach((entry, index) => {
		if (entry.body === null || entry.date === null) {
			warnings.push({
				code: 'consultation-incomplete',
				consultationId: entry.id,
				position: index + 1
			});
		}
	});
	if (finance.hasImpact && finance.meansPlanned === null) {
		warnings.push({ code: 'means-planned-missing' });
	}
	if (finance.meansPlanned === true && finance.plannedMeansCents === null) {
		warnings.push({ code: 'planned-means-missing' });
	}
	const { coverage } = finance;
	if ((finance.additionalNeedCents ?? 0) > 0) {
		if (coverage.proposal === null && coverage.lines.length === 0) {
			warnings.push({ code: 'coverage-missing' });
		} else if (coverage.lines.length > 0 && (coverage.uncoveredCents ?? 0) > 0) {
			warnings.push({ code: 'coverage-short', uncoveredCents: coverage.uncoveredCents ?? 0 });
		}
	}
	if (draft.facts.participation === null) warnings.push({ code: 'participation-missing' });
	for (const measure of agenda.measures) {
		const about = { measureId: measure.id, measureTitle: measure.title };
		if (measure.patronIds.length === 0) warnings.push({ code: 'measure-without-patron', ...about });
		if (measure.costLines.some((line) => line.fundingSourceId === null)) {
			warnings.push({ code: 'costs-without-source', ...about });
		}
	}
	return warnings;
}
