import type { Executor } from '../db/connection';
import { followedAgendas, unfollowAgenda } from './follows';
import { followedMeasures, unfollowMeasure } from './measure-follows';

/**
 * Everything a person follows, as `/konto` lists it with a button to stop: the agendas whose
 * rounds they follow and the measures whose progress they follow. One list and one way to stop,
 * whatever is followed; `key` is what the form posts back.
 */
export type Follow =
	| { kind: 'agenda'; key: string; agendaId: string; title: string }
	| {
			kind: 'measure';
			key: string;
			agendaId: string;
			measureId: string;
			title: string;
			agendaTitle: string;
	  };

export async function followsOf(db: Executor, userId: string): Promise<Follow[]> {
	return [
		...(await followedAgendas(db, userId)).map(({ agendaId, title }) => ({
			kind: 'agenda' as const,
			// An agenda's key is its id, as the form has always posted it.
			key: agendaId,
			agendaId,
			title
		})),
		...(await followedMeasures(db, userId)).map(({ agendaId, measureId, title, agendaTitle }) => ({
			kind: 'measure' as const,
			key: `${agendaId}/${measureId}`,
			agendaId,
			measureId,
			title,
			agendaTitle
		}))
	];
}

/** Stops following what `follow` names. */
export async function endFollow(db: Executor, userId: string, follow: Follow): Promise<void> {
	if (follow.kind === 'agenda') await unfollowAgenda(db, userId, follow.agendaId);
	else await unfollowMeasure(db, userId, follow);
}
