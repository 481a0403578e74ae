import { formatEuro } from '../agenda/model/money';
import type { Agenda, InventoryItem, Measure } from '../agenda/model/schema';
import { PROGRESS_SOURCE, milestoneState, verdictText } from '../export/progress-report-document';
import { measurePeriod } from '../export/resolution-draft';
import { formatDay } from '../format';
import { implementationStatusLabel } from '../labels';
import type { InventoryProgress, MeasureProgress } from './progress';

/**
 * The draft answer to one question of an Anfrage („Zu 1. …“), written from the monitoring
 * overview at the Anfrage's Stichtag: one paragraph per measure or Bestandsaufnahme item the
 * question is linked to, saying what the Sachstandsbericht says of it (status with reason,
 * progress, planned and actual period with late flags, milestones, indicators, Soll/Ist, the
 * latest approved Sachstand). The overview counts approved facts up to the Stichtag only
 * (`countingFacts`), so nothing else can reach the answer. Always German: it is a council paper.
 */
export interface AnswerSource {
	plan: Pick<Agenda, 'measures' | 'inventory'>;
	measures: readonly MeasureProgress[];
	inventory: readonly InventoryProgress[];
}

/** What an unlinked question's answer says until the clerk writes one. */
export const ANSWER_PLACEHOLDER = '[Antwort ergänzen]';

const DE = 'de';

export function draftAnswer(itemIds: readonly string[], source: AnswerSource): string {
	const paragraphs = itemIds.flatMap((itemId) => {
		const measure = source.plan.measures.find((entry) => entry.id === itemId);
		const progress = source.measures.find((entry) => entry.measureId === itemId);
		if (measure && progress) return [measureParagraph(measure, progress)];
		const item = source.plan.inventory.find((entry) => entry.id === itemId);
		const state = source.inventory.find((entry) => entry.itemId === itemId);
		if (item && state) return [inventoryParagraph(item, state)];
		return [];
	});
	return paragraphs.length === 0 ? ANSWER_PLACEHOLDER : paragraphs.join('\n\n');
}

function statusSentence(progress: Pick<MeasureProgress, 'status' | 'statusReason' | 'progress'>) {
	const status = implementationStatusLabel(progress.status, DE);
	const reason = progress.statusReason ? ` (${progress.statusReason})` : '';
	const percent = `${progress.progress.percent} % (${PROGRESS_SOURCE[progress.progress.source]})`;
	return `Status: ${status}${reason}. Fortschritt: ${percent}.`;
}

function reportSentence(report: MeasureProgress['latestReport']): string {
	return report
		? `Sachstand vom ${formatDay(report.asOf, DE)}: ${report.text.trim()}`
		: 'Bis zum Stichtag liegt kein freigegebener Sachstand vor.';
}

function measureParagraph(measure: Measure, progress: MeasureProgress): string {
	const sentences = [
		`Maßnahme „${measure.title.trim() || 'Maßnahme ohne Titel'}“: ${statusSentence(progress)}`,
		periodSentence(measure, progress),
		milestoneSentence(progress),
		...progress.indicators.map(indicatorSentence),
		financeSentence(progress),
		reportSentence(progress.latestReport)
	];
	return sentences.filter((sentence) => sentence !== '').join(' ');
}

function periodSentence(measure: Measure, progress: MeasureProgress): string {
	const planned = measurePeriod(measure);
	const late = (isLate: boolean) => (isLate ? ', verspätet' : '');
	const start =
		progress.actualStart === null
			? `noch nicht begonnen${late(progress.lateStart)}`
			: `begonnen am ${formatDay(progress.actualStart, DE)}${late(progress.lateStart)}`;
	const finish =
		progress.actualFinish !== null
			? `abgeschlossen am ${formatDay(progress.actualFinish, DE)}${late(progress.lateFinish)}`
			: progress.status === 'gestoppt'
				? 'gestoppt'
				: `noch nicht abgeschlossen${progress.lateFinish ? ', Abschluss verspätet' : ''}`;
	return `${planned ? `Geplant: ${planned}; ` : ''}tatsächlich ${start}, ${finish}.`;
}

function milestoneSentence(progress: MeasureProgress): string {
	if (progress.milestones.length === 0) return '';
	const reached = progress.milestones.filter((milestone) => milestone.reachedOn !== null).length;
	const listed = progress.milestones
		.map((milestone) => `„${milestone.title.trim()}“ ${milestoneState(milestone)}`)
		.join(', ');
	return `Meilensteine: ${reached} von ${progress.milestones.length} erreicht (${listed}).`;
}

/**
 * „Indikator „Ämter mit eAkte“: 8 Ämter am 30.06.2025 (Ausgangswert 2 Ämter 2023, Zielwert 12
 * Ämter bis 2026; auf Kurs, 60 % des Wegs).“ The plan's numbers and the verdict, as far as the
 * plan has them; the target in words where it has no number.
 */
function indicatorSentence(indicator: MeasureProgress['indicators'][number]): string {
	const unit = indicator.unit.trim() === '' ? '' : `\u00a0${indicator.unit.trim()}`;
	const number = (value: number) => `${value.toLocaleString('de-DE')}${unit}`;
	const latest = indicator.latest;
	const value = latest
		? `${number(latest.value)} am ${formatDay(latest.asOf, DE)}`
		: 'noch kein freigegebener Wert';
	const baseline =
		indicator.baseline === null
			? null
			: `Ausgangswert ${number(indicator.baseline)}${indicator.baselineYear === null ? '' : ` ${indicator.baselineYear}`}`;
	const described = indicator.plannedTarget.trim();
	const target =
		indicator.target === null
			? described === ''
				? null
				: `Ziel: ${described}`
			: `Zielwert ${number(indicator.target)}${indicator.targetYear === null ? '' : ` bis ${indicator.targetYear}`}`;
	const plan = [baseline, target].filter((part) => part !== null).join(', ');
	const verdict = verdictText(indicator.verdict, indicator.attainment);
	const details = [plan, verdict].filter((part) => part !== null && part !== '').join('; ');
	return `Indikator „${indicator.name.trim()}“: ${value}${details === '' ? '' : ` (${details})`}.`;
}

function financeSentence(progress: MeasureProgress): string {
	const stated = progress.years.filter((year) => year.actualCostCents !== null);
	if (stated.length === 0) {
		return progress.years.length === 0
			? ''
			: 'Zu den Kosten liegt bis zum Stichtag keine freigegebene Abrechnung vor.';
	}
	const years = stated.map((year) => {
		const deviation = year.costDeviationCents ?? 0;
		const sign = deviation > 0 ? '+' : '';
		return `${year.year}: Soll ${formatEuro(year.plannedCostCents)}, Ist ${formatEuro(year.actualCostCents ?? 0)} (Abweichung ${sign}${formatEuro(deviation)})`;
	});
	return `Kosten ${years.join('; ')}.`;
}

function inventoryParagraph(item: InventoryItem, state: InventoryProgress): string {
	return [
		`Bestandsaufnahme „${item.title.trim() || 'ohne Titel'}“: ${statusSentence(state)}`,
		reportSentence(state.latestReport)
	].join(' ');
}
