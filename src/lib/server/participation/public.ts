import type { Agenda } from '../../agenda/model/schema';
import { getAgendaBySlug } from '../agendas/agendas';
import type { Db } from '../db/connection';
import type { Agenda as AgendaRow } from '../db/schema';
import { publicRounds, type PhaseState, type PhaseWithVersion, type Round } from './phases';
import { findVersion, loadVersionAgenda } from './versions';

export interface PublicParticipation {
	agenda: AgendaRow;
	/** The round this page shows. */
	participation: PhaseWithVersion;
	/** The Fassung's content: what citizens read and comment on. */
	content: Agenda;
	state: PhaseState;
	/** Every round citizens have seen, oldest first; the last one is the current round. */
	rounds: Round[];
	/** The shown round's number (1 …). */
	round: number;
	/** Whether the shown round is the current one; an earlier round can only be read. */
	isCurrent: boolean;
}

/**
 * What `/beteiligung/<slug>` shows: the agenda's current round (`currentPhase`: a phase that has
 * not begun shows nothing yet), or with `fassung` the earlier round on that Fassung. A phase makes
 * its Fassung public, whatever the agenda's own visibility. null: nothing to show, or no round on
 * that Fassung.
 */
export async function loadPublicParticipation(
	db: Db,
	slug: string,
	options: { fassung?: number | null; now?: number } = {}
): Promise<PublicParticipation | null> {
	const agenda = await getAgendaBySlug(db, slug);
	if (!agenda) return null;
	const rounds = await publicRounds(db, agenda.id, options.now);
	const current = rounds.at(-1);
	const shown =
		options.fassung === undefined || options.fassung === null
			? current
			: rounds.find((round) => round.version.number === options.fassung);
	if (!current || !shown) return null;
	const version = await findVersion(db, agenda.id, shown.version.number);
	if (!version) return null;
	return {
		agenda,
		participation: { phase: shown.phase, version },
		// Read once and kept: every citizen page of the round shows this Fassung.
		content: await loadVersionAgenda(db, version.id),
		state: shown.state,
		rounds,
		round: shown.round,
		isCurrent: shown === current
	};
}
