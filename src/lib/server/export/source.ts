import { error, type RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { Agenda } from '$lib/agenda/model/schema';
import type { DecidingBody } from '$lib/export/deciding-body';
import { participationSummary } from '$lib/export/participation-summary';
import type { DraftSource, ParticipationSummary } from '$lib/export/resolution-draft';
import { berlinDay } from '$lib/berlin-time';
import { parseStichtag } from '$lib/monitoring/stichtag';
import { m } from '$lib/paraglide/messages';
import {
	canDownloadExport,
	reportAudience,
	type ExportKind,
	type ExportTarget,
	type ReportAudience
} from '$lib/permissions';
import { agendaActor, refuse } from '../agendas/access';
import { getAgenda } from '../agendas/agendas';
import { db } from '../db';
import { versions, type Agenda as AgendaRow } from '../db/schema';
import { readDraftAgenda } from '../documents/draft';
import { getDecidingBody } from '../settings';
import { fassungNumber } from '../participation/fassung-number';
import { lastChangeAt } from '../documents/update-log';
import {
	currentPhaseVersion,
	hasBegun,
	phaseDates,
	type PhaseDates
} from '../participation/phases';
import { participationRounds } from '../participation/rounds';
import {
	findVersion,
	loadVersionAgenda,
	versionSummaryColumns,
	type VersionSummary
} from '../participation/versions';
import { currentDecision } from '../monitoring/decisions';

/** What an export is built from: the agenda (live draft or Fassung) and its participation. */
export interface ExportSource {
	row: AgendaRow;
	agenda: Agenda;
	source: DraftSource;
	/** The Fassung's number, or null for the live draft. */
	fassung: number | null;
	/** When the exported content last changed: the Fassung's freeze time, or the draft's last edit. */
	modified: Date;
	participation: ParticipationSummary | null;
	/** The municipality's deciding body (instance setting), named by the Beschlussvorschlag. */
	decidingBody: DecidingBody | null;
}

/** A permitted export request, decided from database facts before any content was loaded. */
export interface ExportAccess {
	row: AgendaRow;
	/** The Fassung asked for, or null for the live draft. */
	version: VersionSummary | null;
	phases: PhaseDates[];
	/** The Fassung's content, when the decision needed it (whether its Vorlage is öffentlich). */
	agenda: Agenda | null;
	/** Which Beteiligungsbericht the visitor gets: the team's, or the public one. */
	reportAudience: ReportAudience;
	/** The Sachstandsbericht's Stichtag (`YYYY-MM-DD`); null for every other export. */
	stichtag: string | null;
}

/**
 * Loads what an export of `kind` needs and checks that the visitor may have it: 404 for an
 * unknown agenda or Fassung, 400 for a malformed `fassung`, a log-in redirect for anonymous
 * visitors who would need an account, 403 otherwise. The Beteiligungsbericht is never of the
 * draft: without `fassung`, it is of the current phase's Fassung (404 when there is none).
 */
export async function requireExportSource(
	event: RequestEvent<{ id: string }>,
	kind: ExportKind,
	now = new Date()
): Promise<ExportSource> {
	return loadExportSource(requireExportAccess(event, kind, now));
}

/**
 * Whether the visitor may have the export, decided before any document or snapshot is read: a
 * draft or a Fassung may hold anything an editor ever wrote, and a refused request must not cost
 * its parsing. Only a non-member's request for the Vorlage of a published Fassung needs the
 * snapshot (is the Vorlage öffentlich?), and only once every cheaper refusal has passed.
 */
export function requireExportAccess(
	event: RequestEvent<{ id: string }>,
	kind: ExportKind,
	now = new Date(),
	/** The Fassung's number, null for the draft; by default the request's `fassung`. */
	fassung?: number | null
): ExportAccess {
	return exportAccess(event, kind, now, fassung) ?? refuse(event);
}

/**
 * `requireExportAccess` without the refusal: null when the visitor may not have this export, so
 * that a package of several files leaves out what its visitor may not read. Unknown agendas and
 * Fassungen and a malformed `fassung` still end the request.
 */
export function exportAccess(
	event: RequestEvent<{ id: string }>,
	kind: ExportKind,
	now = new Date(),
	fassung?: number | null
): ExportAccess | null {
	const row = getAgenda(db, event.params.id);
	if (!row) error(404, m.error_agenda_not_found());
	if (kind === 'progress-report') return progressReportAccess(event, row, now);
	// An empty value is the draft: what the preview's „Aktueller Entwurf“ option submits.
	const requested =
		fassung !== undefined
			? fassung
			: fassungNumber(event.url.searchParams.get('fassung'), m.export_error_fassung_invalid());
	const version =
		requested === null ? unnamedVersion(row.id, kind, now) : findVersion(db, row.id, requested);
	if (version === undefined) error(404, m.export_error_fassung_not_found());

	const phases = phaseDates(db, row.id);
	const user = event.locals.user;
	const actor = agendaActor(user, row.id);
	const target = (vorlagePublic: boolean): ExportTarget =>
		version
			? {
					kind: 'fassung',
					wasPublic: phases.some(
						(phase) => phase.versionId === version.id && hasBegun(phase, now.getTime())
					),
					vorlagePublic
				}
			: { kind: 'draft' };
	let agenda: Agenda | null = null;
	let allowed = canDownloadExport(actor, row, target(false), kind);
	if (!allowed && version && canDownloadExport(actor, row, target(true), kind)) {
		agenda = loadVersionAgenda(db, version.id);
		// Only a Vorlage decided to be öffentlich is shown to the public; undecided stays inside.
		allowed = canDownloadExport(actor, row, target(agenda.resolution.public === true), kind);
	}
	if (!allowed) return null;
	return {
		row,
		version,
		phases,
		agenda,
		reportAudience: reportAudience(actor, row),
		stichtag: null
	};
}

/**
 * The Sachstandsbericht is always of the Fassung the council resolved last, at a Stichtag (today
 * by default; a malformed one is 400). Who may have it does not depend on the decision, so a
 * visitor who may not is refused before learning whether there is one; 404 without a decision.
 */
function progressReportAccess(
	event: RequestEvent<{ id: string }>,
	row: AgendaRow,
	now: Date
): ExportAccess | null {
	const asked = parseStichtag(event.url.searchParams.get('stichtag'), berlinDay(now));
	if (!asked.ok) error(400, m.progress_report_error_stichtag_invalid());
	const actor = agendaActor(event.locals.user, row.id);
	if (!canDownloadExport(actor, row, { kind: 'decided' }, 'progress-report')) return null;
	const decision = currentDecision(db, row.id);
	// Only the summary: the content is read when the document is built, and maybe from the cache.
	const version =
		decision &&
		db
			.select(versionSummaryColumns)
			.from(versions)
			.where(eq(versions.id, decision.versionId))
			.get();
	if (!version) error(404, m.progress_report_error_no_decision());
	return {
		row,
		version,
		phases: [],
		agenda: null,
		reportAudience: reportAudience(actor, row),
		stichtag: asked.stichtag
	};
}

/**
 * What an export is of when no Fassung is asked for: the live draft (null), but a report, which is
 * always of a Fassung, of the one under participation now (404 without one). Decided before the
 * permission, as a citizen may have that Fassung's report and never the draft's.
 */
function unnamedVersion(agendaId: string, kind: ExportKind, now: Date): VersionSummary | null {
	if (kind !== 'participation-report') return null;
	return currentPhaseVersion(db, agendaId, now.getTime()) ?? error(404, m.report_error_none());
}

/**
 * The content, participation and deciding body of a permitted export (the latter two given if
 * known already).
 */
export async function loadExportSource(
	access: ExportAccess,
	participation: ParticipationSummary | null = exportParticipation(access),
	decidingBody?: DecidingBody | null
): Promise<ExportSource> {
	const { row, version } = access;
	return {
		row,
		agenda:
			access.agenda ?? (version ? loadVersionAgenda(db, version.id) : readDraftAgenda(db, row.id)),
		source: version ? fassungSource(version) : { kind: 'draft' },
		fassung: version?.number ?? null,
		modified: version?.createdAt ?? lastChangeAt(db, row.id) ?? row.createdAt,
		participation,
		decidingBody: decidingBody !== undefined ? decidingBody : await getDecidingBody(db)
	};
}

function fassungSource(version: VersionSummary): DraftSource {
	return {
		kind: 'fassung',
		number: version.number,
		name: version.name,
		frozenAt: version.createdAt
	};
}

/**
 * The participation the Vorlage reports on: every round that has begun on the exported Fassung or
 * an earlier one (a later Fassung is what the AG made of that participation), each in the tense
 * of `now`, and their total.
 */
export function exportParticipation(
	access: ExportAccess,
	now = Date.now()
): ParticipationSummary | null {
	const { row, version } = access;
	const rounds = participationRounds(db, row.id, {
		...(version ? { upToVersion: version.number } : {}),
		now
	});
	return rounds && rounds.rounds.length > 0 ? participationSummary(rounds) : null;
}
