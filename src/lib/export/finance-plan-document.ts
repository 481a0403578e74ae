import { agendaFinance } from '../agenda/model/finance';
import type { Agenda } from '../agenda/model/schema';
import { block, type ExportDocument } from './document';
import { financePlanBlocks } from './finance-blocks';
import { periodText } from './proposal';
import { sourceLabel } from './resolution-document';
import type { DraftSource } from './resolution-draft';

/** Anlage 2 of the Beschlussvorlage: the finance plan on its own, for the budget office. */
export function financePlanDocument(
	agenda: Agenda,
	source: DraftSource,
	generatedAt: Date
): ExportDocument {
	const reference = agenda.resolution.reference.trim();
	const annex = reference ? `Anlage 2 zur Vorlage ${reference}` : 'Anlage 2 zur Beschlussvorlage';
	const title = agenda.meta.title.trim() || 'Digitale Agenda';
	return {
		title: `Finanzplan: ${title}`,
		subject: annex,
		header: `${annex} · Finanzplan`,
		footer: agenda.meta.municipality,
		blocks: [
			block.heading(1, 'Finanzplan'),
			{
				type: 'fields',
				rows: [
					{ label: 'Digitale Agenda', value: [{ text: title }] },
					{ label: 'Zeitraum', value: [block.value(periodText(agenda.meta))] },
					{ label: 'Grundlage', value: [{ text: sourceLabel(source, generatedAt) }] }
				]
			},
			...financePlanBlocks(agenda, agendaFinance(agenda), 1)
		]
	};
}
