import { berlinDateTime, parseBerlinLocal } from '../../berlin-time';
import { formatDay } from '../../format';
import { reportFileName } from '../../participation/report-table';
import type { ExportKind } from '../../permissions';
import { exportFileName } from '../file-names';
import type { ExportFormat } from '../files';
import type { Annex, DraftConsultation, ResolutionDraft } from '../resolution-draft';
import { oparlLinks, slugify, type OparlLinks } from './links';
import {
	OPARL_TYPE,
	type OparlAgendaItem,
	type OparlBody,
	type OparlConsultation,
	type OparlFile,
	type OparlMeeting,
	type OparlOrganization,
	type OparlPaper,
	type OparlSystem,
	type OrganizationType
} from './types';

/**
 * The Beschlussvorlage as an OParl 1.1 Paper, so that council information systems can import,
 * link or validate it. Pure: the caller supplies the URLs, the times and the Vorlage's text.
 *
 * OParl has no fields for Beschlussvorschlag, Sachverhalt or Finanzielle Auswirkungen; that text
 * travels in the files (`mainFile.text` and the documents behind the URLs). Every object must be
 * retrievable under its id; the export route serves the Paper, the other ids (`…/oparl/body`,
 * `…/oparl/organization/<slug>`, `…/oparl/consultation/<id>`, `…/oparl/meeting/<id>`,
 * `…/oparl/agendaItem/<id>`, `…/oparl/file/<key>`) are the ones the OParl route serves from
 * `oparlBody`, `oparlOrganizations`, `oparlMeetings` etc.
 */

export interface OparlContext {
	/** Origin (plus any base path) + `/api/agendas/<id>`. */
	baseUrl: string;
	/** The exported Fassung's number, or null for the live draft. */
	fassung: number | null;
	/** The agenda's slug: file names name it while the Vorlage has no number. */
	slug: string;
	/** Whether the Fassung was put to participation: then `web` is its public citizen page. */
	published: boolean;
	/** When the agenda was created. */
	created: Date;
	/** When the Fassung was frozen, or now for the live draft. */
	modified: Date;
	/** The Vorlage as plain text, for `mainFile.text`. */
	mainFileText: string;
}

/** What the body and organisations need: they do not depend on the Vorlage's text. */
export type OparlLinkContext = Omit<OparlContext, 'mainFileText'>;

const MIME = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
} as const;

/** What the Paper is called when the agenda has no title yet (as the draft's annex is). */
const UNTITLED = 'Digitale Agenda';
/** The Body's name when the agenda names no municipality. */
const UNNAMED_BODY = 'Kommune';

export function oparlPaper(draft: ResolutionDraft, context: OparlContext): OparlPaper {
	const links = linksOf(context);
	const stamps = timestamps(context);
	const name = fileNamer(draft, context);
	const { header } = draft;
	const consultations = draft.consultations.map((entry, index) =>
		oparlConsultation(entry, index, links, stamps)
	);
	return {
		id: links.paper,
		type: OPARL_TYPE.paper,
		body: links.body,
		name: paperName(draft),
		...(header.reference === null ? {} : { reference: header.reference }),
		...(header.date === null ? {} : { date: header.date }),
		paperType: 'Beschlussvorlage',
		mainFile: mainFile(draft, links, stamps, context.mainFileText, name),
		auxiliaryFile: [
			vorlageDocx(draft, links, stamps, name),
			...draft.annexes.map((annex) =>
				annexFile(annex, draft, links, stamps, { name, slug: context.slug })
			)
		],
		...(header.leadDepartment === null
			? {}
			: { underDirectionOf: [organizationUrl(links, header.leadDepartment, LEAD_FALLBACK)] }),
		...(header.submitter === null
			? {}
			: {
					originatorOrganization: [organizationUrl(links, header.submitter, SUBMITTER_FALLBACK)]
				}),
		// OParl asks to leave out empty optional lists rather than print [].
		...(consultations.length === 0 ? {} : { consultation: consultations }),
		web: links.preview,
		...stamps
	};
}

/**
 * A Consultation of the Paper served on its own (under its id or in the Body's list): then it
 * names its Paper, and its Meeting and AgendaItem if it has a date, which it leaves out while
 * embedded (OParl 1.1, Consultation).
 */
export function standaloneConsultation(
	consultation: OparlConsultation,
	paper: OparlPaper,
	meetings: readonly OparlMeeting[]
): OparlConsultation {
	for (const meeting of meetings) {
		const item = meeting.agendaItem?.find((entry) => entry.consultation === consultation.id);
		if (item) return { ...consultation, paper: paper.id, meeting: meeting.id, agendaItem: item.id };
	}
	return { ...consultation, paper: paper.id };
}

/**
 * The Sitzungen of the Beratungsfolge: each step with a date is a Meeting of its Gremium, with
 * the Vorlage as its one Tagesordnungspunkt (the only one Agendawerk knows of). Ids derive from
 * the step's id, so they stay the same when the date, the Gremium or the order changes. Steps
 * without a date have no Meeting: there is nothing to say about it yet.
 */
export function oparlMeetings(draft: ResolutionDraft, context: OparlLinkContext): OparlMeeting[] {
	const links = linksOf(context);
	const stamps = timestamps(context);
	return draft.consultations.flatMap((entry, index) => {
		if (entry.date === null) return [];
		// Berlin time; while the hour is not known, the start of the day (OParl has no date-only).
		const start = parseBerlinLocal(`${entry.date}T${entry.time ?? '00:00'}`);
		const when = `Sitzung am ${formatDay(entry.date, 'de')}`;
		const meeting: OparlMeeting = {
			id: links.meeting(entry.id),
			type: OPARL_TYPE.meeting,
			name: entry.body === null ? when : `${entry.body}, ${when}`,
			...(start === null ? {} : { start: berlinDateTime(start) }),
			...(entry.body === null
				? {}
				: { organization: [organizationUrl(links, entry.body, committeeFallback(index))] }),
			agendaItem: [agendaItem(entry, draft, links, stamps)],
			...stamps
		};
		return [meeting];
	});
}

/** An AgendaItem of a Meeting served on its own: then it names its Meeting. */
export function standaloneAgendaItem(
	item: OparlAgendaItem,
	meeting: OparlMeeting
): OparlAgendaItem {
	return { ...item, meeting: meeting.id };
}

/**
 * The Vorlage on the Tagesordnung of one Sitzung. `order` 0: it is the only item known. Its
 * `number` is the TOP-Nr. once the clerk has entered it from the published Tagesordnung, never a
 * made-up one that would contradict the council's. Ergebnis and Votum once entered, as OParl's
 * `result` and `resolutionText`.
 */
function agendaItem(
	entry: DraftConsultation,
	draft: ResolutionDraft,
	links: OparlLinks,
	stamps: Stamps
): OparlAgendaItem {
	return {
		id: links.agendaItem(entry.id),
		type: OPARL_TYPE.agendaItem,
		...(entry.agendaItem === null ? {} : { number: entry.agendaItem }),
		order: 0,
		name: paperName(draft),
		// Left out while nobody has decided: OParl has no „unknown“ for it.
		...(draft.header.public === null ? {} : { public: draft.header.public }),
		consultation: links.consultation(entry.id),
		...(entry.result === 'offen' ? {} : { result: entry.resultLabel }),
		...(entry.votum === null ? {} : { resolutionText: entry.votum }),
		...stamps
	};
}

/** Every organisation the Paper refers to, once each: for serving `…/oparl/organization/<slug>`. */
export function oparlOrganizations(
	draft: ResolutionDraft,
	context: OparlLinkContext
): OparlOrganization[] {
	const { header } = draft;
	const wanted: { name: string; kind: OrganizationType; fallback: string }[] = [];
	if (header.leadDepartment !== null) {
		wanted.push({
			name: header.leadDepartment,
			kind: 'Verwaltungsbereich',
			fallback: LEAD_FALLBACK
		});
	}
	if (header.submitter !== null) {
		wanted.push({
			name: header.submitter,
			kind: 'Verwaltungsbereich',
			fallback: SUBMITTER_FALLBACK
		});
	}
	draft.consultations.forEach((entry, index) => {
		if (entry.body !== null) {
			wanted.push({ name: entry.body, kind: 'Gremium', fallback: committeeFallback(index) });
		}
	});
	const byId = new Map<string, OparlOrganization>();
	for (const { name, kind, fallback } of wanted) {
		const organization = oparlOrganization(name, kind, context, fallback);
		if (!byId.has(organization.id)) byId.set(organization.id, organization);
	}
	return [...byId.values()];
}

/**
 * One organisation: a Gremium of the Beratungsfolge or a Verwaltungsbereich (Federführung,
 * Einreicher). Its id is derived from the name, so that the same name gives the same URL in the
 * Paper, in every Fassung and in other agendas' exports of the same instance.
 */
export function oparlOrganization(
	name: string,
	kind: OrganizationType,
	context: OparlLinkContext,
	fallbackSlug = 'organisation'
): OparlOrganization {
	const links = linksOf(context);
	const trimmed = name.trim();
	const slug = organizationSlug(trimmed, fallbackSlug);
	return {
		id: links.organization(slug),
		type: OPARL_TYPE.organization,
		body: links.body,
		...(trimmed === '' ? {} : { name: trimmed }),
		organizationType: kind,
		// Every organisation has it, so that one named both as Verwaltungsbereich and as a
		// Gremium of the Beratungsfolge (listed once, as the first) still leads to its Sitzungen.
		meeting: links.organizationMeetings(slug),
		...timestamps(context)
	};
}

/**
 * The entry point of this agenda's OParl interface (§2-10: a host may offer several independent
 * ones). Its one body is the municipality.
 */
export function oparlSystem(context: OparlLinkContext): OparlSystem {
	const links = linksOf(context);
	return {
		id: links.system,
		type: OPARL_TYPE.system,
		oparlVersion: 'https://schema.oparl.org/1.1/',
		body: links.list('bodies'),
		name: 'Agendawerk',
		...timestamps(context)
	};
}

/**
 * The municipality. OParl 1.1 makes the external object lists `organization`, `person`,
 * `meeting`, `paper`, `agendaItem`, `consultation`, `file`, `membership`, `locationList` and
 * `legislativeTermList` (URLs) and `legislativeTerm` (embedded) mandatory. The URLs point at
 * `<baseUrl>/oparl/<list>`, served as lists of this agenda (empty where Agendawerk has no such
 * objects); it knows no Wahlperioden of the council, so `legislativeTerm` is the empty list OParl
 * prescribes for a mandatory list without entries.
 */
export function oparlBody(draft: ResolutionDraft, context: OparlLinkContext): OparlBody {
	const links = linksOf(context);
	return {
		id: links.body,
		type: OPARL_TYPE.body,
		name: draft.agenda.municipality.trim() || UNNAMED_BODY,
		organization: links.list('organization'),
		person: links.list('person'),
		meeting: links.list('meeting'),
		paper: links.list('paper'),
		agendaItem: links.list('agendaItem'),
		consultation: links.list('consultation'),
		file: links.list('file'),
		membership: links.list('membership'),
		locationList: links.list('location'),
		legislativeTermList: links.list('legislativeTerm'),
		legislativeTerm: [],
		...timestamps(context)
	};
}

type Stamps = { created: string; modified: string };

function paperName(draft: ResolutionDraft): string {
	return draft.header.subject.trim() || UNTITLED;
}

function linksOf(
	context: Pick<OparlContext, 'baseUrl' | 'fassung' | 'slug' | 'published'>
): OparlLinks {
	const query = context.fassung === null ? '' : `?fassung=${context.fassung}`;
	return oparlLinks(context.baseUrl, query, context.published ? context.slug : null);
}

function timestamps(context: Pick<OparlContext, 'created' | 'modified'>): Stamps {
	return { created: berlinDateTime(context.created), modified: berlinDateTime(context.modified) };
}

// Slugs for organisations whose name has no letter or digit left (e.g. only an emoji).
const LEAD_FALLBACK = 'federfuehrung';
const SUBMITTER_FALLBACK = 'einreicher';
const committeeFallback = (index: number) => `gremium-${index + 1}`;

function organizationSlug(name: string, fallbackSlug: string): string {
	return slugify(name) || fallbackSlug;
}

function organizationUrl(links: OparlLinks, name: string, fallbackSlug: string): string {
	return links.organization(organizationSlug(name, fallbackSlug));
}

/**
 * One step of the Beratungsfolge. Its date is its Meeting's (`oparlMeetings`); OParl 1.1 has no
 * field of the Consultation for its outcome:
 * - the result label ("empfohlen", "vertagt", …) is a category from a fixed vocabulary, which is
 *   what `keyword` is for, so generic clients show it;
 * - the Votum is free text ("einstimmig bei 2 Enthaltungen"), not a category, so it stays out of
 *   `keyword`; it travels, with the result code, in vendor-prefixed properties (OParl allows
 *   `prefix:name` extensions), in the Vorlage's own text and in the AgendaItem.
 * Undecided steps ("noch nicht beraten") get neither keyword nor result.
 */
function oparlConsultation(
	entry: DraftConsultation,
	index: number,
	links: OparlLinks,
	stamps: Stamps
): OparlConsultation {
	const decided = entry.result !== 'offen';
	return {
		id: links.consultation(entry.id),
		type: OPARL_TYPE.consultation,
		// No `paper`: an embedded object does not point back at the one it is embedded in.
		...(entry.body === null
			? {}
			: { organization: [organizationUrl(links, entry.body, committeeFallback(index))] }),
		role: entry.roleLabel,
		authoritative: entry.authoritative,
		...(decided ? { keyword: [entry.resultLabel] } : {}),
		...(decided ? { 'agendawerk:result': entry.result } : {}),
		...(entry.votum === null ? {} : { 'agendawerk:votum': entry.votum }),
		...stamps
	};
}

function vorlageTitle(draft: ResolutionDraft): string {
	const { reference } = draft.header;
	return reference === null ? 'Beschlussvorlage – Entwurf' : `Beschlussvorlage ${reference}`;
}

interface FileSpec {
	key: string;
	name: string;
	fileName: string;
	mimeType: string;
	/** Where it is shown in place (`accessUrl`). */
	viewUrl: string;
	/** Where it is downloaded (`downloadUrl`). */
	url: string;
	text?: string;
}

function oparlFile(spec: FileSpec, draft: ResolutionDraft, links: OparlLinks, stamps: Stamps) {
	const file: OparlFile = {
		id: links.file(spec.key),
		type: OPARL_TYPE.file,
		name: spec.name,
		fileName: spec.fileName,
		mimeType: spec.mimeType,
		// The Vorlage's date: the day deadlines count from, which is what File.date means.
		...(draft.header.date === null ? {} : { date: draft.header.date }),
		...(spec.text ? { text: spec.text } : {}),
		accessUrl: spec.viewUrl,
		downloadUrl: spec.url,
		...stamps
	};
	return file;
}

/** Names a file as its download route does (one rule for both, see `exportFileName`). */
type NameFile = (kind: ExportKind, format: ExportFormat) => string;

function fileNamer(draft: ResolutionDraft, context: OparlContext): NameFile {
	const naming = {
		reference: draft.header.reference,
		slug: context.slug,
		fassung: context.fassung
	};
	return (kind, format) => exportFileName(kind, format, naming);
}

function mainFile(
	draft: ResolutionDraft,
	links: OparlLinks,
	stamps: Stamps,
	text: string,
	name: NameFile
) {
	return oparlFile(
		{
			key: 'beschlussvorlage-pdf',
			name: vorlageTitle(draft),
			fileName: name('beschlussvorlage', 'pdf'),
			mimeType: MIME.pdf,
			viewUrl: links.viewFile('beschlussvorlage.pdf'),
			url: links.exportFile('beschlussvorlage.pdf'),
			text
		},
		draft,
		links,
		stamps
	);
}

function vorlageDocx(draft: ResolutionDraft, links: OparlLinks, stamps: Stamps, name: NameFile) {
	return oparlFile(
		{
			key: 'beschlussvorlage-docx',
			// Same document as the main file; the name tells the two apart in a list of files.
			name: `${vorlageTitle(draft)} (Word)`,
			fileName: name('beschlussvorlage', 'docx'),
			mimeType: MIME.docx,
			viewUrl: links.viewFile('beschlussvorlage.docx'),
			url: links.exportFile('beschlussvorlage.docx')
		},
		draft,
		links,
		stamps
	);
}

/** Where each annex is exported; the key names the File object stably, whatever its number. */
function annexTarget(
	annex: Annex,
	draft: ResolutionDraft,
	links: OparlLinks,
	name: NameFile,
	slug: string
) {
	switch (annex.kind) {
		case 'strategy':
			return {
				key: 'digitale-agenda-pdf',
				format: 'pdf',
				fileName: name('strategy', 'pdf'),
				viewUrl: links.viewFile('agenda.pdf'),
				url: links.exportFile('agenda.pdf')
			} as const;
		case 'finance-plan':
			return {
				key: 'finanzplan-pdf',
				format: 'pdf',
				fileName: name('finance-plan', 'pdf'),
				viewUrl: links.viewFile('finanzplan.pdf'),
				url: links.exportFile('finanzplan.pdf')
			} as const;
		case 'participation-report': {
			// The report up to the latest round's Fassung (which may be an earlier one than the
			// Vorlage's) covers every round before it too.
			const version = draft.facts.participation?.rounds.at(-1)?.version.number ?? 1;
			return {
				// PDF/A like the other Anlagen: what an archive keeps and every reader opens.
				key: 'beteiligungsbericht-pdf',
				format: 'pdf',
				fileName: reportFileName(slug, version, 'pdf'),
				viewUrl: links.viewParticipationReport(version),
				url: links.participationReport(version)
			} as const;
		}
	}
}

function annexFile(
	annex: Annex,
	draft: ResolutionDraft,
	links: OparlLinks,
	stamps: Stamps,
	context: { name: NameFile; slug: string }
) {
	const target = annexTarget(annex, draft, links, context.name, context.slug);
	return oparlFile(
		{
			key: target.key,
			name: `Anlage ${annex.number}: ${annex.title}`,
			fileName: target.fileName,
			mimeType: MIME[target.format],
			viewUrl: target.viewUrl,
			url: target.url
		},
		draft,
		links,
		stamps
	);
}
