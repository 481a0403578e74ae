import { richTextToPlain } from '$lib/agenda/model/rich-text';
import { documentText } from '$lib/export/document';
import {
	oparlBody,
	oparlMeetings,
	oparlOrganizations,
	oparlPaper,
	oparlSystem,
	type OparlContext
} from '$lib/export/oparl/paper';
import {
	OPARL_TYPE,
	type OparlBody,
	type OparlMeeting,
	type OparlOrganization,
	type OparlPaper,
	type OparlSystem
} from '$lib/export/oparl/types';
import { resolutionDocument } from '$lib/export/resolution-document';
import { canDownloadExport } from '$lib/permissions';
import { isHttpError, isRedirect, json, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { agendaActor } from '../agendas/access';
import { getAgenda } from '../agendas/agendas';
import { db } from '../db';
import { mailLinkOrigin } from '../mail/link-origin';
import { hasBegun, phaseDates, publicRounds } from '../participation/phases';
import { listVersions, loadVersionAgenda } from '../participation/versions';
import { resolutionDraftOf } from './documents';
import { downloadWait } from './download-limit';
import {
	loadExportSource,
	requireExportAccess,
	requireExportSource,
	type ExportSource
} from './source';

export interface OparlExport {
	system: OparlSystem;
	paper: OparlPaper;
	body: OparlBody;
	organizations: OparlOrganization[];
	/** The Sitzungen of the Beratungsfolge, each with its AgendaItem embedded. */
	meetings: OparlMeeting[];
}

/** The headers of every OParl JSON answer: §2-06 wants any web page to be able to read them. */
export const OPARL_JSON_HEADERS = {
	'cache-control': 'private, no-store',
	'access-control-allow-origin': '*'
} as const;

/**
 * An OParl error answer (§2-09): the status, and the error object with a message for people, in
 * the language of the content (German), and `debug` for developers.
 */
export function oparlErrorResponse(
	status: number,
	message: string,
	debug?: string,
	headers: Record<string, string> = {}
): Response {
	return json(
		{ type: OPARL_TYPE.error, message, ...(debug === undefined ? {} : { debug }) },
		{ status, headers: { ...OPARL_JSON_HEADERS, ...headers } }
	);
}

/**
 * An answer of the OParl interface, whatever stops it: every answer an OParl client gets must be
 * JSON it can read, with the CORS header. So the errors thrown on the way (unknown agenda or
 * Fassung, a malformed `fassung`, 403) become OParl error objects, the log-in redirect a 401 (a
 * client cannot fill in a log-in form), and too many anonymous requests a 429 with Retry-After.
 */
export async function oparlAnswer(
	event: RequestEvent,
	answer: () => Response | Promise<Response>
): Promise<Response> {
	const wait = await downloadWait(event);
	if (wait > 0) {
		return oparlErrorResponse(429, m.export_error_too_many(), undefined, {
			'retry-after': String(wait)
		});
	}
	try {
		return await answer();
	} catch (thrown) {
		if (isHttpError(thrown)) return oparlErrorResponse(thrown.status, thrown.body.message);
		// The one redirect on the way: `refuse` sends anonymous visitors to log in.
		if (isRedirect(thrown)) return oparlErrorResponse(401, m.error_login_required());
		throw thrown;
	}
}

/**
 * The OParl objects of one export: the System, the Paper (with its Consultations and Files
 * embedded), the Body, the Organisations it points at and the Meetings of the Beratungsfolge. OParl identifies objects by URL, so the
 * ids are under ORIGIN, the public address also used in mails (the address the request came to
 * when it is unset, which a client elsewhere may not reach).
 */
export async function oparlExport(
	requestUrl: URL,
	source: ExportSource,
	now: Date
): Promise<OparlExport> {
	const draft = resolutionDraftOf(source);
	const context: OparlContext = {
		baseUrl: `${mailLinkOrigin(requestUrl)}/api/agendas/${source.row.id}`,
		fassung: source.fassung,
		slug: source.row.slug,
		published: source.fassung !== null && (await isPublished(source, now)),
		created: source.row.createdAt,
		modified: source.modified,
		mainFileText: documentText(resolutionDocument(draft, now), richTextToPlain)
	};
	return {
		system: oparlSystem(context),
		paper: oparlPaper(draft, context),
		body: oparlBody(draft, context),
		organizations: oparlOrganizations(draft, context),
		meetings: oparlMeetings(draft, context)
	};
}

/**
 * Whether the exported Fassung was put to participation, so that its citizen page
 * (`/beteiligung/<slug>?fassung=<n>`) opens for anyone: the rounds that page shows.
 */
async function isPublished(source: ExportSource, now: Date): Promise<boolean> {
	return (await publicRounds(db, source.row.id, now.getTime())).some(
		(round) => round.version.number === source.fassung
	);
}

/**
 * The URL a request asked for as a client names it: under ORIGIN, like the ids, with its query
 * (a list's `self`, which keeps the filters).
 */
export function oparlRequestUrl(url: URL): string {
	return `${mailLinkOrigin(url)}${url.pathname}${url.search}`;
}

/**
 * What a request to the OParl interface shows. With `fassung`, that Fassung, as the export does.
 * Without it, the live draft to those who may read it, and to everyone else the latest Fassung
 * put to participation whose Vorlage is öffentlich: the Body and Organisations a public Paper
 * points at (whose ids name no Fassung) must be readable without log-in, while what only the
 * draft has stays behind it. With no such Fassung, the draft's refusal (log-in or 403).
 */
export async function requireOparlSource(
	event: RequestEvent<{ id: string }>,
	now = new Date()
): Promise<ExportSource> {
	const row = await getAgenda(db, event.params.id);
	if (!row || event.url.searchParams.has('fassung')) {
		return requireExportSource(event, 'oparl', now);
	}
	const actor = await agendaActor(event.locals.user, row.id);
	if (canDownloadExport(actor, row, { kind: 'draft' }, 'oparl')) {
		return requireExportSource(event, 'oparl', now);
	}
	const phases = await phaseDates(db, row.id);
	// Newest first; the first whose Vorlage the visitor may read (snapshots read one by one).
	const candidates = (await listVersions(db, row.id)).filter((version) =>
		phases.some((phase) => phase.versionId === version.id && hasBegun(phase, now.getTime()))
	);
	let published: (typeof candidates)[number] | undefined;
	for (const version of candidates) {
		const vorlagePublic = (await loadVersionAgenda(db, version.id)).resolution.public === true;
		const target = { kind: 'fassung', wasPublic: true, vorlagePublic } as const;
		if (canDownloadExport(actor, row, target, 'oparl')) {
			published = version;
			break;
		}
	}
	return loadExportSource(
		await requireExportAccess(event, 'oparl', now, published?.number ?? null)
	);
}
