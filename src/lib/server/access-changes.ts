import { CHANNELS, clusterBus } from './redis/bus';

/**
 * Tells whoever holds open connections (the collab server) that who may do what has just changed:
 * a role was lowered, a member removed, a session ended. The collab server checks its sockets at
 * once instead of at its next periodic check, so a member who lost write access cannot write on
 * for another two seconds. Announce only after the change is committed: the listener reads it.
 * Other processes hear of it through the cluster bus; their collab servers recheck likewise.
 */
export interface AccessChange {
	/** The agenda whose memberships changed; absent: sessions or accounts, any agenda. */
	agendaId?: string;
}

type Listener = (change: AccessChange) => void;

const SHARED = Symbol.for('agendawerk.access-changes');

/**
 * The listeners of this process. The SvelteKit bundle (which announces) and the server entry with
 * the collab server (which listens) are separate module graphs; both reach the same set through
 * `globalThis`.
 */
function listeners(): Set<Listener> {
	const scope = globalThis as { [SHARED]?: Set<Listener> };
	return (scope[SHARED] ??= new Set());
}

export function onAccessChange(listener: Listener): () => void {
	listeners().add(listener);
	return () => listeners().delete(listener);
}

/** After a change committed in this process: this process's listeners and the other processes. */
export function announceAccessChange(change: AccessChange = {}): void {
	accessChangedElsewhere(change);
	const message = change.agendaId === undefined ? {} : { agendaId: change.agendaId };
	clusterBus().publish(CHANNELS.access, JSON.stringify(message));
}

/** Another process announced a change: this process's listeners recheck, nobody is told further. */
export function accessChangedElsewhere(change: AccessChange): void {
	for (const listener of listeners()) listener(change);
}
