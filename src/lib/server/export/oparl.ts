import { richTextToPlain } from '$lib/agenda/model/rich-text';
import { documentText } from '$lib/export/document';
import {
	oparlBody,
	oparlOrganizations,
	oparlPaper,
	oparlSystem,
	type OparlContext
} from '$lib/export/oparl/paper';
import type {
	OparlBody,
	OparlOrganization,
	OparlPaper,
	OparlSystem
} from '$lib/export/oparl/types';
import { resolutionDocument } from '$lib/export/resolution-document';
import { mailLinkOrigin } from '../mail/link-origin';
import { resolutionDraftOf } from './documents';
import type { ExportSource } from './source';

export interface OparlExport {
	system: OparlSystem;
	paper: OparlPaper;
	body: OparlBody;
	organizations: OparlOrganization[];
}

/** The headers of every OParl JSON answer: §2-06 wants any web page to be able to read them. */
export const OPARL_JSON_HEADERS = {
	'cache-control': 'private, no-store',
	'access-control-allow-origin': '*'
} as const;

/**
 * The OParl objects of one export: the System, the Paper (with its Consultations and Files
 * embedded), the Body and the Organisations it points at. OParl identifies objects by URL, so the
 * ids are under ORIGIN, the public address also used in mails (the address the request came to
 * when it is unset, which a client elsewhere may not reach).
 */
export function oparlExport(requestUrl: URL, source: ExportSource, now: Date): OparlExport {
	const draft = resolutionDraftOf(source);
	const context: OparlContext = {
		baseUrl: `${mailLinkOrigin(requestUrl)}/api/agendas/${source.row.id}`,
		fassung: source.fassung,
		slug: source.row.slug,
		created: source.row.createdAt,
		modified: source.modified,
		mainFileText: documentText(resolutionDocument(draft, now), richTextToPlain)
	};
	return {
		system: oparlSystem(context),
		paper: oparlPaper(draft, context),
		body: oparlBody(draft, context),
		organizations: oparlOrganizations(draft, context)
	};
}
