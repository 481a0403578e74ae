import type { ConsultationResult } from '../../agenda/model/vocabulary';

/**
 * The OParl 1.1 objects Agendawerk produces, with the properties it fills in. Optional properties
 * are left out rather than set to null or []: OParl asks servers to drop a property they have no
 * information for (only mandatory lists may be empty). Dates are ISO strings: `date` a day
 * (2026-12-01), `date-time` a point in time in Berlin time with its offset, to the second
 * (2026-12-01T10:00:00+01:00, §2-04).
 */
export const OPARL_TYPE = {
	paper: 'https://schema.oparl.org/1.1/Paper',
	file: 'https://schema.oparl.org/1.1/File',
	consultation: 'https://schema.oparl.org/1.1/Consultation',
	organization: 'https://schema.oparl.org/1.1/Organization',
	system: 'https://schema.oparl.org/1.1/System',
	body: 'https://schema.oparl.org/1.1/Body',
	legislativeTerm: 'https://schema.oparl.org/1.1/LegislativeTerm',
	meeting: 'https://schema.oparl.org/1.1/Meeting',
	agendaItem: 'https://schema.oparl.org/1.1/AgendaItem',
	/** Not an object: what a request that cannot be served answers (§2-09). */
	error: 'https://schema.oparl.org/1.1/Error'
} as const;

/** Properties every OParl 1.1 object has; `created` and `modified` are mandatory since 1.1. */
export interface OparlObject {
	/** The object's URL. */
	id: string;
	created: string;
	modified: string;
	keyword?: string[];
	/** The same object as a web page for people. */
	web?: string;
	license?: string;
	deleted?: boolean;
}

export interface OparlFile extends OparlObject {
	type: typeof OPARL_TYPE.file;
	/** For display, without an extension. */
	name?: string;
	fileName?: string;
	mimeType?: string;
	date?: string;
	size?: number;
	sha512Checksum?: string;
	/** The document as plain text. */
	text?: string;
	accessUrl: string;
	downloadUrl?: string;
}

/**
 * One step of the Beratungsfolge. OParl 1.1 has no field for the outcome; ours travels in the
 * vendor-prefixed properties (the spec allows those) and, as a category, in `keyword`. When the
 * step has a date, its Meeting and AgendaItem carry the date and the outcome in OParl's own terms.
 */
export interface OparlConsultation extends OparlObject {
	type: typeof OPARL_TYPE.consultation;
	/** `paper`, `meeting` and `agendaItem` only when served on its own, not embedded. */
	paper?: string;
	meeting?: string;
	agendaItem?: string;
	organization?: string[];
	role?: string;
	authoritative?: boolean;
	/** The outcome as a stable code (`empfohlen`, `geaendert-beschlossen`, …). */
	'agendawerk:result'?: ConsultationResult;
	/** The Votum as the clerk wrote it. */
	'agendawerk:votum'?: string;
}

export interface OparlPaper extends OparlObject {
	type: typeof OPARL_TYPE.paper;
	body?: string;
	name?: string;
	/** Vorlage-Nr. */
	reference?: string;
	date?: string;
	paperType?: string;
	/** Papers this one refers to, e.g. the Anfrage an answer answers. */
	relatedPaper?: string[];
	mainFile?: OparlFile;
	auxiliaryFile?: OparlFile[];
	/** Federführung. */
	underDirectionOf?: string[];
	originatorOrganization?: string[];
	consultation?: OparlConsultation[];
}

/** A Tagesordnungspunkt: the Paper as it is dealt with in one Meeting. */
export interface OparlAgendaItem extends OparlObject {
	type: typeof OPARL_TYPE.agendaItem;
	/** Only when served on its own, not embedded in its Meeting. */
	meeting?: string;
	/** The TOP's number as printed on the Tagesordnung ("10.1"). */
	number?: string;
	/** Position in the Meeting's `agendaItem`, counted from 0; mandatory. */
	order: number;
	name?: string;
	public?: boolean;
	consultation?: string;
	/** The outcome, e.g. "empfohlen". */
	result?: string;
	resolutionText?: string;
}

/** A Sitzung of an Organization. */
export interface OparlMeeting extends OparlObject {
	type: typeof OPARL_TYPE.meeting;
	name?: string;
	start?: string;
	organization?: string[];
	/** Embedded, in the order of the Tagesordnung. */
	agendaItem?: OparlAgendaItem[];
}

/** The rough categories OParl names for an organisation. */
export type OrganizationType =
	| 'Gremium'
	| 'Partei'
	| 'Fraktion'
	| 'Verwaltungsbereich'
	| 'externes Gremium'
	| 'Institution'
	| 'Sonstiges';

export interface OparlOrganization extends OparlObject {
	type: typeof OPARL_TYPE.organization;
	body?: string;
	name?: string;
	organizationType?: OrganizationType;
	/** URL of the external list of its Sitzungen. */
	meeting?: string;
}

export interface OparlLegislativeTerm extends OparlObject {
	type: typeof OPARL_TYPE.legislativeTerm;
	body?: string;
	name?: string;
	startDate?: string;
	endDate?: string;
}

export interface OparlBody extends OparlObject {
	type: typeof OPARL_TYPE.body;
	name: string;
	/** URLs of the external object lists, all mandatory. */
	organization: string;
	person: string;
	meeting: string;
	paper: string;
	agendaItem: string;
	consultation: string;
	file: string;
	membership: string;
	locationList: string;
	legislativeTermList: string;
	/** Mandatory, embedded; may be empty. */
	legislativeTerm: OparlLegislativeTerm[];
}

/** The entry point: what a client is given to find everything else. */
export interface OparlSystem extends OparlObject {
	type: typeof OPARL_TYPE.system;
	oparlVersion: 'https://schema.oparl.org/1.1/';
	/** URL of the external list of bodies. */
	body: string;
	name?: string;
	product?: string;
}

/** One page of an external object list (§2-05); Agendawerk's lists fit on one page. */
export interface OparlListPage<T> {
	data: T[];
	pagination: {
		totalElements: number;
		elementsPerPage: number;
		currentPage: number;
		totalPages: number;
	};
	links: Record<string, string>;
}
