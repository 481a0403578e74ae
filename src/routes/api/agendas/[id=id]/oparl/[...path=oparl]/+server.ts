import { error, json } from '@sveltejs/kit';
import type { OparlObject } from '$lib/export/oparl/types';
import { m } from '$lib/paraglide/messages';
import { refuseTooManyDownloads } from '$lib/server/export/download-limit';
import { oparlExport } from '$lib/server/export/oparl';
import { requireExportSource } from '$lib/server/export/source';
import type { RequestHandler } from './$types';

/**
 * The OParl objects the exported Paper points at, each under its id as OParl requires: the
 * Body, its object lists (only this Vorlage and its organisations are known here), single
 * Organisations, Consultations and Files. Same access and `?fassung=` as the export.
 */
export const GET: RequestHandler = (event) => {
	const refused = refuseTooManyDownloads(event);
	if (refused) return refused;
	const source = requireExportSource(event, 'oparl');
	const { paper, body, organizations } = oparlExport(event.url.origin, source, new Date());
	const id = `${event.url.origin}${event.url.pathname}`;
	const headers = { 'cache-control': 'private, no-store' };
	// The `oparl` matcher lets through a kind with at most one key.
	const [kind, key] = event.params.path.split('/');
	const withId = <T extends OparlObject>(objects: readonly T[]) =>
		objects.find((object) => object.id.split('?')[0] === id);

	let found: unknown;
	if (key === undefined) {
		switch (kind) {
			case 'body':
				found = body;
				break;
			case 'organization':
				found = externalList(organizations);
				break;
			case 'paper':
				found = externalList([paper]);
				break;
			case 'person':
			case 'meeting':
				found = externalList([]);
				break;
		}
	} else if (kind === 'organization') {
		found = withId(organizations);
	} else if (kind === 'consultation') {
		found = withId(paper.consultation ?? []);
	} else if (kind === 'file') {
		const files = [paper.mainFile, ...(paper.auxiliaryFile ?? [])];
		found = withId(files.filter((file) => file !== undefined));
	}
	if (found === undefined) error(404, m.export_error_oparl_not_found());
	return json(found, { headers });
};

/** An OParl external object list with everything on one page. */
function externalList(data: readonly unknown[]) {
	return {
		data,
		pagination: {
			totalElements: data.length,
			elementsPerPage: Math.max(1, data.length),
			currentPage: 1,
			totalPages: 1
		},
		links: {}
	};
}
