/**
 * Display names of the closed vocabularies (roles.ts, agenda/model/vocabulary.ts,
 * participation/vocabulary.ts), all from the Paraglide messages: the one place a stored value
 * like `in-vorbereitung` becomes words. Without `locale` a label is in the visitor's language;
 * documents for the council (Beschlussvorlage, its annexes, OParl, Beteiligungsbericht) pass
 * `'de'`, since they are German whatever the UI language.
 */
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type {
	Budget,
	ConsultationResult,
	ConsultationRole,
	CostCategory,
	IndicatorDirection,
	InventoryStatus,
	MeasureStatus,
	Priority
} from './agenda/model/vocabulary';
import type { Disposition } from './participation/vocabulary';
import type { DecisionResult, FactState, ImplementationStatus } from './monitoring/vocabulary';
import type { IndicatorVerdict } from './monitoring/indicator-assessment';
import type { AgendaRole, AgendaStatus, AgendaVisibility } from './roles';

type Message = (inputs: Record<string, never>, options: { locale?: Locale }) => string;

/** A label function over one vocabulary: its message for each value. */
function labelsOf<T extends string>(messages: Record<T, Message>) {
	return (value: T, locale?: Locale): string => messages[value]({}, { locale });
}

export const roleLabel = labelsOf<AgendaRole>({
	owner: m.role_owner,
	editor: m.role_editor,
	viewer: m.role_viewer
});

export const statusLabel = labelsOf<AgendaStatus>({
	draft: m.status_draft,
	participation: m.status_participation,
	adopted: m.status_adopted,
	implementation: m.status_implementation
});

export const visibilityLabel = labelsOf<AgendaVisibility>({
	internal: m.visibility_internal,
	public: m.visibility_public
});

export const priorityLabel = labelsOf<Priority>({
	hoch: m.priority_hoch,
	mittel: m.priority_mittel,
	niedrig: m.priority_niedrig
});

export const measureStatusLabel = labelsOf<MeasureStatus>({
	geplant: m.measure_status_geplant,
	'in-vorbereitung': m.measure_status_in_vorbereitung,
	'in-umsetzung': m.measure_status_in_umsetzung,
	abgeschlossen: m.measure_status_abgeschlossen,
	zurueckgestellt: m.measure_status_zurueckgestellt
});

export const costCategoryLabel = labelsOf<CostCategory>({
	personal: m.cost_category_personal,
	sach: m.cost_category_sach,
	investition: m.cost_category_investition
});

export const budgetLabel = labelsOf<Budget>({
	ergebnis: m.budget_ergebnis,
	finanz: m.budget_finanz
});

export const inventoryStatusLabel = labelsOf<InventoryStatus>({
	vorhanden: m.inventory_status_vorhanden,
	teilweise: m.inventory_status_teilweise,
	'in-planung': m.inventory_status_in_planung,
	fehlt: m.inventory_status_fehlt
});

export const consultationRoleLabel = labelsOf<ConsultationRole>({
	vorberatung: m.consultation_role_vorberatung,
	entscheidung: m.consultation_role_entscheidung,
	kenntnisnahme: m.consultation_role_kenntnisnahme
});

export const consultationResultLabel = labelsOf<ConsultationResult>({
	offen: m.consultation_result_offen,
	empfohlen: m.consultation_result_empfohlen,
	beschlossen: m.consultation_result_beschlossen,
	'geaendert-beschlossen': m.consultation_result_geaendert_beschlossen,
	abgelehnt: m.consultation_result_abgelehnt,
	vertagt: m.consultation_result_vertagt,
	'zur-kenntnis-genommen': m.consultation_result_zur_kenntnis_genommen
});

export const implementationStatusLabel = labelsOf<ImplementationStatus>({
	unbekannt: m.implementation_status_unbekannt,
	'nicht-begonnen': m.implementation_status_nicht_begonnen,
	'in-arbeit': m.implementation_status_in_arbeit,
	verzoegert: m.implementation_status_verzoegert,
	abgeschlossen: m.implementation_status_abgeschlossen,
	gestoppt: m.implementation_status_gestoppt
});

export const factStateLabel = labelsOf<FactState>({
	draft: m.fact_state_draft,
	submitted: m.fact_state_submitted,
	approved: m.fact_state_approved,
	returned: m.fact_state_returned
});

export const decisionResultLabel = labelsOf<DecisionResult>({
	beschlossen: m.decision_result_beschlossen,
	'geaendert-beschlossen': m.decision_result_geaendert_beschlossen
});

export const dispositionLabel = labelsOf<Disposition>({
	uebernommen: m.disposition_uebernommen,
	'teilweise-uebernommen': m.disposition_teilweise_uebernommen,
	'nicht-uebernommen': m.disposition_nicht_uebernommen,
	'zur-kenntnis': m.disposition_zur_kenntnis
});

export const indicatorVerdictLabel = labelsOf<IndicatorVerdict>({
	erreicht: m.indicator_verdict_erreicht,
	'auf-kurs': m.indicator_verdict_auf_kurs,
	'hinter-plan': m.indicator_verdict_hinter_plan
});

export const indicatorDirectionLabel = labelsOf<IndicatorDirection>({
	steigend: m.indicator_direction_steigend,
	fallend: m.indicator_direction_fallend
});
