import type { Agenda } from '$lib/agenda/model/schema';
import type { AgendaSession } from '$lib/collab/agenda-session.svelte';
import type { Discussion } from './discussion';

/** What every section of the editor works on: the live session and the agenda as read. */
export interface SectionProps {
	session: AgendaSession;
	agenda: Agenda;
}

/** A section whose items citizens can comment on (from the first published Fassung on). */
export interface DiscussedSectionProps extends SectionProps {
	discussion: Discussion | null;
}
