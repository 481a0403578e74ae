import type { ExportDocument } from '$lib/export/document';
import { financePlanDocument } from '$lib/export/finance-plan-document';
import { resolutionDocument } from '$lib/export/resolution-document';
import { buildResolutionDraft, type ResolutionDraft } from '$lib/export/resolution-draft';
import { strategyDocument } from '$lib/export/strategy-document';
import type { ExportSource } from './source';

export type DocumentKind = 'beschlussvorlage' | 'strategy' | 'finance-plan';

export function resolutionDraftOf(source: ExportSource): ResolutionDraft {
	return buildResolutionDraft({
		agenda: source.agenda,
		source: source.source,
		participation: source.participation,
		decidingBody: source.decidingBody
	});
}

/** The printable document of one export, ready for the DOCX or the PDF renderer. */
export function exportDocument(
	kind: DocumentKind,
	source: ExportSource,
	generatedAt: Date
): ExportDocument {
	switch (kind) {
		case 'beschlussvorlage':
			return resolutionDocument(resolutionDraftOf(source), generatedAt);
		case 'strategy':
			return strategyDocument({ ...source, generatedAt });
		case 'finance-plan':
			return financePlanDocument(source.agenda, source.source, generatedAt);
	}
}
