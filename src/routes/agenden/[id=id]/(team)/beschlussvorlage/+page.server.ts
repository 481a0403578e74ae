import { agendaAccess } from '$lib/server/agendas/access';
import { db } from '$lib/server/db';
import { resolutionDocument } from '$lib/export/resolution-document';
import { resolutionDraftOf } from '$lib/server/export/documents';
import { requireExportSource } from '$lib/server/export/source';
import { listVersions } from '$lib/server/participation/versions';
import type { PageServerLoad } from './$types';

/**
 * The Beschlussvorlage before it is downloaded: the draft as a page, what is still missing, and
 * the files. For the team; `?fassung=<n>` shows a Fassung instead of the live draft.
 */
export const load: PageServerLoad = async (event) => {
	const { agenda, permissions } = agendaAccess(event, 'export.download');
	const source = await requireExportSource(event, 'beschlussvorlage');
	const generatedAt = new Date();
	const draft = resolutionDraftOf(source);
	return {
		fassung: source.fassung,
		versions: listVersions(db, agenda.id).map(({ number, name }) => ({ number, name })),
		warnings: draft.warnings,
		/** The Fassung whose Beteiligungsbericht is Anlage 3, if citizens took part yet. */
		reportFassung: draft.facts.participation?.rounds.at(-1)?.version.number ?? null,
		document: resolutionDocument(draft, generatedAt),
		canEditResolution: permissions['resolution.edit']
	};
};
