import { error, json } from '@sveltejs/kit';
import type { OparlList } from '$lib/export/oparl/links';
import { standaloneAgendaItem, standaloneConsultation } from '$lib/export/oparl/paper';
import type { OparlListPage, OparlObject } from '$lib/export/oparl/types';
import { m } from '$lib/paraglide/messages';
import { refuseTooManyDownloads } from '$lib/server/export/download-limit';
import { OPARL_JSON_HEADERS, oparlExport, requireOparlSource } from '$lib/server/export/oparl';
import type { RequestHandler } from './$types';

/**
 * This agenda's OParl interface: the System (the entry point), the Body, its object lists (only
 * this Vorlage, its organisations, consultations, files and the Sitzungen of its Beratungsfolge
 * with their agenda items are known here; the other lists are empty) and single Organisations,
 * Consultations, Meetings, AgendaItems and Files, each under its id as OParl requires.
 * `?fassung=` as the export; without it, what `requireOparlSource` shows the visitor.
 */
export const GET: RequestHandler = (event) => {
	const refused = refuseTooManyDownloads(event);
	if (refused) return refused;
	const source = requireOparlSource(event);
	const { system, paper, body, organizations, meetings } = oparlExport(
		event.url,
		source,
		new Date()
	);
	const files = [paper.mainFile, ...(paper.auxiliaryFile ?? [])].filter(
		(file) => file !== undefined
	);
	const consultations = (paper.consultation ?? []).map((consultation) =>
		standaloneConsultation(consultation, paper, meetings)
	);
	const agendaItems = meetings.flatMap((meeting) =>
		(meeting.agendaItem ?? []).map((item) => standaloneAgendaItem(item, meeting))
	);
	const lists: Record<OparlList, readonly unknown[]> = {
		bodies: [body],
		organization: organizations,
		person: [],
		meeting: meetings,
		paper: [paper],
		agendaItem: agendaItems,
		consultation: consultations,
		file: files,
		membership: [],
		location: [],
		legislativeTerm: []
	};
	// The `oparl` matcher lets through the system, the body, a list, a kind with one key, or
	// `organization/<slug>/meeting`.
	const [kind = '', key, list] = event.params.path.split('/');
	// Ids are under ORIGIN, which may differ from the address the request came to.
	const samePath = (url: string) => new URL(url).pathname === event.url.pathname;
	const withId = <T extends OparlObject>(objects: readonly T[]) =>
		objects.find((object) => samePath(object.id));

	let found: unknown;
	if (key === undefined) {
		if (kind === 'system') found = system;
		else if (kind === 'body') found = body;
		else if (Object.hasOwn(lists, kind)) found = externalList(lists[kind as OparlList]);
	} else if (kind === 'organization' && list !== undefined) {
		const organization = organizations.find(
			(entry) => entry.meeting !== undefined && samePath(entry.meeting)
		);
		if (organization) {
			found = externalList(
				meetings.filter((meeting) => meeting.organization?.includes(organization.id))
			);
		}
	} else if (kind === 'organization') {
		found = withId(organizations);
	} else if (kind === 'consultation') {
		found = withId(consultations);
	} else if (kind === 'meeting') {
		found = withId(meetings);
	} else if (kind === 'agendaItem') {
		found = withId(agendaItems);
	} else if (kind === 'file') {
		found = withId(files);
	}
	if (found === undefined) error(404, m.export_error_oparl_not_found());
	return json(found, { headers: OPARL_JSON_HEADERS });
};

/** An OParl external object list with everything on one page. */
function externalList<T>(data: readonly T[]): OparlListPage<T> {
	return {
		data: [...data],
		pagination: {
			totalElements: data.length,
			elementsPerPage: Math.max(1, data.length),
			currentPage: 1,
			totalPages: 1
		},
		links: {}
	};
}
