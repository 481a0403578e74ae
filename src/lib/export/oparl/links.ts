/**
 * The URLs of one agenda's OParl export. OParl identifies every object by its URL, so these must
 * stay stable: the same Vorlage (and Fassung) gives the same ids on every export, and a client
 * that imported it once recognises it again.
 */
export interface OparlLinks {
	/** The Paper itself: the export's own URL. */
	paper: string;
	/** A file of the export (`beschlussvorlage.pdf`, …), for the same source, as a download. */
	exportFile(fileName: string): string;
	/** The same file shown in place (OParl's `accessUrl`, §2-07: no `attachment`). */
	viewFile(fileName: string): string;
	/** The Beteiligungsbericht of the Fassung with this number, as a download. */
	participationReport(versionNumber: number): string;
	/** The same report shown in place. */
	viewParticipationReport(versionNumber: number): string;
	/**
	 * The Vorlage as a web page for people (the Paper's `web`): for a Fassung put to
	 * participation its citizen page, which anyone may open; else the team's preview, behind
	 * log-in.
	 */
	preview: string;
	/** The entry point clients start from (OParl §2-10). */
	system: string;
	body: string;
	/** An external object list of the body (`organization`, `person`, …). */
	list(name: OparlList): string;
	organization(slug: string): string;
	/** The external list of an organisation's Sitzungen. */
	organizationMeetings(slug: string): string;
	consultation(entryId: string): string;
	/** The Sitzung of a dated Beratungsfolge entry, and its one Tagesordnungspunkt. */
	meeting(entryId: string): string;
	agendaItem(entryId: string): string;
	/** The OParl File object (metadata, not the document) with this key. */
	file(key: string): string;
}

/**
 * The external object lists, each under `…/oparl/<list>`: `bodies` is the System's list of
 * bodies, the others are the Body's (OParl 1.1 makes all of them mandatory).
 */
export const OPARL_LISTS = [
	'bodies',
	'organization',
	'person',
	'meeting',
	'paper',
	'agendaItem',
	'consultation',
	'file',
	'membership',
	'location',
	'legislativeTerm'
] as const;
export type OparlList = (typeof OPARL_LISTS)[number];

/** Query parameter of an export file that asks for it in place rather than as a download. */
export const VIEW_PARAMETER = 'ansicht';

/** The kinds of single objects, each under `…/oparl/<kind>/<key>`. */
export const OPARL_OBJECT_KINDS = [
	'organization',
	'consultation',
	'meeting',
	'agendaItem',
	'file'
] as const;

/** The list below an organisation: `…/oparl/organization/<slug>/meeting`. */
export const ORGANIZATION_MEETINGS = 'meeting';

/**
 * Whether a path below `…/oparl/` can name an object of the export: the body, a list, one
 * object of a known kind with a key, or an organisation's list of Sitzungen. Which objects exist
 * decides the export itself.
 */
export function isOparlPath(path: string): boolean {
	const [kind = '', key, ...rest] = path.split('/');
	if (rest.length > 0) {
		return (
			kind === 'organization' &&
			key !== '' &&
			rest.length === 1 &&
			rest[0] === ORGANIZATION_MEETINGS
		);
	}
	if (key === undefined)
		return (
			kind === 'system' || kind === 'body' || (OPARL_LISTS as readonly string[]).includes(kind)
		);
	return key !== '' && (OPARL_OBJECT_KINDS as readonly string[]).includes(kind);
}

const AGENDA_PATH = /\/api\/agendas\/([^/?#]+)$/;

/**
 * @param baseUrl origin (plus any base path) + `/api/agendas/<id>`
 * @param query `?fassung=<n>` for a Fassung, '' for the live draft. Objects that depend on the
 *   source (Paper, files, consultations, meetings and their agenda items) carry it; the body and organisations do not.
 * @param publicSlug the agenda's slug when the Fassung was put to participation: its citizen
 *   page `/beteiligung/<slug>?fassung=<n>` is then the page people can read. null otherwise.
 */
export function oparlLinks(
	baseUrl: string,
	query: string,
	publicSlug: string | null = null
): OparlLinks {
	const base = baseUrl.replace(/\/+$/, '');
	const match = AGENDA_PATH.exec(base);
	if (!match?.[1]) throw new Error(`Keine Agenda-API-Adresse: ${baseUrl}`);
	if (query !== '' && !query.startsWith('?')) throw new Error(`Ungültige Abfrage: ${query}`);
	if (publicSlug !== null && query === '') {
		throw new Error('Nur eine Fassung hat eine öffentliche Seite');
	}
	// The pages live beside the API under the same origin and base path.
	const appRoot = base.slice(0, match.index);
	const agendaPage = `${appRoot}/agenden/${match[1]}`;
	const report = (versionNumber: number) =>
		`${base}/export/beteiligungsbericht.pdf?fassung=${versionNumber}`;
	return {
		paper: `${base}/export/oparl.json${query}`,
		exportFile: (fileName) => `${base}/export/${fileName}${query}`,
		viewFile: (fileName) => viewing(`${base}/export/${fileName}${query}`),
		participationReport: (versionNumber) => report(versionNumber),
		viewParticipationReport: (versionNumber) => viewing(report(versionNumber)),
		preview:
			publicSlug === null
				? `${agendaPage}/beschlussvorlage${query}`
				: `${appRoot}/beteiligung/${encodeURIComponent(publicSlug)}${query}`,
		system: `${base}/oparl/system`,
		body: `${base}/oparl/body`,
		list: (name) => `${base}/oparl/${name}`,
		organization: (slug) => `${base}/oparl/organization/${slug}`,
		organizationMeetings: (slug) => `${base}/oparl/organization/${slug}/${ORGANIZATION_MEETINGS}`,
		consultation: (entryId) => `${base}/oparl/consultation/${encodeURIComponent(entryId)}${query}`,
		meeting: (entryId) => `${base}/oparl/meeting/${encodeURIComponent(entryId)}${query}`,
		agendaItem: (entryId) => `${base}/oparl/agendaItem/${encodeURIComponent(entryId)}${query}`,
		file: (key) => `${base}/oparl/file/${key}${query}`
	};
}

/** The URL with `ansicht=inline` added to its query. */
function viewing(url: string): string {
	return `${url}${url.includes('?') ? '&' : '?'}${VIEW_PARAMETER}=inline`;
}

const SPELLED_OUT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * A stable, URL-safe slug of a name: `Ausschuss für Digitales` → `ausschuss-fuer-digitales`.
 * German umlauts are spelled out as Germans do, other accents dropped, everything else becomes a
 * hyphen. Empty when nothing usable remains (the caller supplies a fallback).
 */
export function slugify(text: string): string {
	return (
		text
			// Composed first, so that a decomposed "a + ◌̈" is spelled out like "ä".
			.normalize('NFC')
			.toLowerCase()
			.replace(/[äöüß]/g, (letter) => SPELLED_OUT[letter] ?? letter)
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^a-z0-9]+/g, '-')
			.slice(0, 80)
			.replace(/^-+|-+$/g, '')
	);
}
