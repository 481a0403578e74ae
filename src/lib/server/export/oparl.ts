import { richTextToPlain } from '$lib/agenda/model/rich-text';
import { documentText } from '$lib/export/document';
import {
	oparlBody,
	oparlOrganizations,
	oparlPaper,
	type OparlContext
} from '$lib/export/oparl/paper';
import type { OparlBody, OparlOrganization, OparlPaper } from '$lib/export/oparl/types';
import { resolutionDocument } from '$lib/export/resolution-document';
import { resolutionDraftOf } from './documents';
import type { ExportSource } from './source';

export interface OparlExport {
	paper: OparlPaper;
	body: OparlBody;
	organizations: OparlOrganization[];
}

/**
 * The OParl objects of one export: the Paper (with its Consultations and Files embedded), the
 * Body and the Organisations it points at. Ids are URLs under the request's origin.
 */
export function oparlExport(origin: string, source: ExportSource, now: Date): OparlExport {
	const draft = resolutionDraftOf(source);
	const context: OparlContext = {
		baseUrl: `${origin}/api/agendas/${source.row.id}`,
		fassung: source.fassung,
		slug: source.row.slug,
		created: source.row.createdAt,
		modified: source.modified,
		mainFileText: documentText(resolutionDocument(draft, now), richTextToPlain)
	};
	return {
		paper: oparlPaper(draft, context),
		body: oparlBody(draft, context),
		organizations: oparlOrganizations(draft, context)
	};
}
