import { json } from '@sveltejs/kit';
import {
	filterList,
	parseListFilter,
	withoutInternalLists,
	type OparlFilterProblem,
	type OparlListFilter
} from '$lib/export/oparl/filter';
import type { OparlList } from '$lib/export/oparl/links';
import { standaloneAgendaItem, standaloneConsultation } from '$lib/export/oparl/paper';
import type { OparlListPage, OparlObject } from '$lib/export/oparl/types';
import { m } from '$lib/paraglide/messages';
import {
	OPARL_JSON_HEADERS,
	oparlAnswer,
	oparlErrorResponse,
	oparlExport,
	oparlRequestUrl,
	requireOparlSource
} from '$lib/server/export/oparl';
import type { RequestHandler } from './$types';

/**
 * This agenda's OParl interface: the System (the entry point), the Body, its object lists (only
 * this Vorlage, its organisations, consultations, files and the Sitzungen of its Beratungsfolge
 * with their agenda items are known here; the other lists are empty) and single Organisations,
 * Consultations, Meetings, AgendaItems and Files, each under its id as OParl requires.
 * `?fassung=` as the export; without it, what `requireOparlSource` shows the visitor. Every list
 * takes the filters of §2-05 (`created_since` …, `omit_internal`); one it cannot read is a 400.
 * Every answer, refusals included, is OParl JSON (`oparlAnswer`).
 */
export const GET: RequestHandler = (event) => oparlAnswer(event, () => answer(event));

async function answer(event: Parameters<RequestHandler>[0]): Promise<Response> {
	// The `oparl` matcher lets through the system, the body, a list, a kind with one key, or
	// `organization/<slug>/meeting`.
	const [kind = '', key, list] = event.params.path.split('/');
	const isList = key === undefined ? kind !== 'system' && kind !== 'body' : list !== undefined;
	// Read before anything is loaded: a filter that cannot be read costs nothing.
	const parsed = parseListFilter(isList ? event.url.searchParams : new URLSearchParams());
	if (parsed.problem) return filterRefusal(parsed.problem);
	const { filter } = parsed;
	const self = oparlRequestUrl(event.url);
	const externalList = <T extends OparlObject>(data: readonly T[]) => listPage(data, filter, self);

	const source = await requireOparlSource(event);
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
	const lists: Record<OparlList, readonly OparlObject[]> = {
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
	if (found === undefined) return oparlErrorResponse(404, m.export_error_oparl_not_found());
	return json(found, { headers: OPARL_JSON_HEADERS });
}

/**
 * An OParl external object list with everything the filter lets through on one page. Its `self`
 * is the URL asked for, filters included (§2-05: links keep the filters).
 */
function listPage<T extends OparlObject>(
	objects: readonly T[],
	filter: OparlListFilter,
	self: string
): OparlListPage<T> {
	const filtered = filterList(objects, filter);
	const data = filter.omitInternal ? filtered.map(withoutInternalLists) : filtered;
	return {
		data,
		pagination: {
			totalElements: data.length,
			elementsPerPage: Math.max(1, data.length),
			currentPage: 1,
			totalPages: 1
		},
		links: { self }
	};
}

/** A filter that cannot be read: 400 with the error object of §2-09. */
function filterRefusal(problem: OparlFilterProblem): Response {
	const { parameter } = problem;
	const message = {
		'date-time': () => m.export_error_oparl_filter_date_time({ parameter }),
		boolean: () => m.export_error_oparl_filter_boolean({ parameter }),
		repeated: () => m.export_error_oparl_filter_repeated({ parameter })
	}[problem.kind]();
	return oparlErrorResponse(400, message, `${parameter}: ${problem.kind}`);
}
