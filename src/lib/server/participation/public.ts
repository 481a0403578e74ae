import type { Agenda } from '../../agenda/model/schema';
import { getAgendaBySlug } from '../agendas/agendas';
import type { Db } from '../db/connection';
import type { Agenda as AgendaRow } from '../db/schema';
import { currentPhase, phaseState, type PhaseState, type PhaseWithVersion } from './phases';
import { versionAgenda } from './versions';

export interface PublicParticipation {
	agenda: AgendaRow;
	participation: PhaseWithVersion;
	/** The Fassung's content: what citizens read and comment on. */
	content: Agenda;
	state: PhaseState;
}

/**
 * What `/beteiligung/<slug>` shows: the agenda's current participation phase and its Fassung
 * (`currentPhase`: a phase that has not begun shows nothing yet). A phase makes its Fassung
 * public, whatever the agenda's own visibility. null: nothing to show.
 */
export function loadPublicParticipation(
	db: Db,
	slug: string,
	now = Date.now()
): PublicParticipation | null {
	const agenda = getAgendaBySlug(db, slug);
	if (!agenda) return null;
	const participation = currentPhase(db, agenda.id, now);
	if (!participation) return null;
	return {
		agenda,
		participation,
		content: versionAgenda(participation.version),
		state: phaseState(participation.phase, now)
	};
}
