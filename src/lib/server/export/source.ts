import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Agenda } from '$lib/agenda/model';
import { readAgenda } from '$lib/agenda/read';
import { participationSummary } from '$lib/export/participation-summary';
import type { DraftSource, ParticipationSummary } from '$lib/export/resolution-draft';
import { m } from '$lib/paraglide/messages';
import { canDownloadExport, type ExportKind, type ExportTarget } from '$lib/permissions';
import { getAgenda, getRole } from '../agendas/agendas';
import { db } from '../db';
import type { Agenda as AgendaRow, Version } from '../db/schema';
import { lastChangeAt, loadDocument } from '../documents/update-log';
import { listPhases } from '../participation/phases';
import { participationReport } from '../participation/report';
import { getVersion, versionAgenda } from '../participation/versions';

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
}

/** `?fassung=<n>`: a positive whole number, as the Fassungen are numbered. */
const FASSUNG = /^[1-9][0-9]{0,8}$/;

/**
 * Loads what an export of `kind` needs and checks that the visitor may have it: 404 for an
 * unknown agenda or Fassung, 400 for a malformed `fassung`, a log-in redirect for anonymous
 * visitors who would need an account, 403 otherwise.
 */
export function requireExportSource(
	event: RequestEvent<{ id: string }>,
	kind: ExportKind,
	now = new Date()
): ExportSource {
	const row = getAgenda(db, event.params.id);
	if (!row) error(404, m.error_agenda_not_found());
	// An empty value is the draft: what the preview's „Aktueller Entwurf“ option submits.
	const requested = event.url.searchParams.get('fassung') || null;
	if (requested !== null && !FASSUNG.test(requested)) error(400, m.export_error_fassung_invalid());
	const version = requested === null ? null : getVersion(db, row.id, Number(requested));
	if (version === undefined) error(404, m.export_error_fassung_not_found());

	const phases = listPhases(db, row.id);
	const agenda = version ? versionAgenda(version) : readAgenda(loadDocument(db, row.id).doc).agenda;
	const target: ExportTarget = version
		? {
				kind: 'fassung',
				wasPublic: phases.some(
					({ phase }) => phase.versionId === version.id && phase.startsAt <= now
				),
				vorlagePublic: agenda.resolution.public
			}
		: { kind: 'draft' };
	const user = event.locals.user;
	const actor = { user, role: user ? getRole(db, row.id, user.id) : null };
	if (!canDownloadExport(actor, row, target, kind)) {
		if (!user) redirect(303, `/anmelden?weiter=${encodeURIComponent(event.url.pathname)}`);
		error(403, m.error_forbidden());
	}
	return {
		row,
		agenda,
		source: version ? fassungSource(version) : { kind: 'draft' },
		fassung: version?.number ?? null,
		modified: version?.createdAt ?? lastChangeAt(db, row.id) ?? row.createdAt,
		participation: latestParticipation(row.id, phases, version)
	};
}

function fassungSource(version: Version): DraftSource {
	return {
		kind: 'fassung',
		number: version.number,
		name: version.name,
		frozenAt: version.createdAt
	};
}

/**
 * The participation the Vorlage reports on: the newest phase on the exported Fassung or an
 * earlier one (a later Fassung is what the AG made of that participation).
 */
function latestParticipation(
	agendaId: string,
	phases: ReturnType<typeof listPhases>,
	version: Version | null
): ParticipationSummary | null {
	const candidates = phases
		.filter((entry) => version === null || entry.version.number <= version.number)
		.sort((a, b) => b.version.number - a.version.number);
	const [latest] = candidates;
	if (!latest) return null;
	const report = participationReport(db, agendaId, latest.version.number);
	return report ? participationSummary(report) : null;
}
