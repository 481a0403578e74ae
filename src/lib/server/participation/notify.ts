/**
 * "Something about this agenda's comments changed": the one place the participation services
 * announce a new comment, reply, edit, deletion, report, moderation decision or answer, and the
 * editor's live stream listens. It carries no content, only the agenda id; whoever listens reloads
 * through the usual permission-checked load. In-process for now; a Redis pub/sub can stand behind
 * the same two functions when several processes serve one instance.
 */
export type CommentsListener = () => void;

export interface CommentsNotifier {
	/** Tells every listener of `agendaId`. */
	publish(agendaId: string): void;
	/** Listens for `agendaId`; returns the function that stops listening. */
	subscribe(agendaId: string, listener: CommentsListener): () => void;
	/** How many listen (to `agendaId`, or at all): for tests and metrics. */
	listenerCount(agendaId?: string): number;
}

export function inProcessNotifier(): CommentsNotifier {
	const listeners = new Map<string, Set<CommentsListener>>();
	return {
		publish(agendaId) {
			for (const listener of listeners.get(agendaId) ?? []) {
				// One listener's failure (a stream closed under it) must not keep the others uninformed.
				try {
					listener();
				} catch {
					/* the listener's own cleanup runs on its abort */
				}
			}
		},
		subscribe(agendaId, listener) {
			let set = listeners.get(agendaId);
			if (!set) listeners.set(agendaId, (set = new Set()));
			set.add(listener);
			return () => {
				set.delete(listener);
				if (set.size === 0 && listeners.get(agendaId) === set) listeners.delete(agendaId);
			};
		},
		listenerCount(agendaId) {
			if (agendaId !== undefined) return listeners.get(agendaId)?.size ?? 0;
			let total = 0;
			for (const set of listeners.values()) total += set.size;
			return total;
		}
	};
}

/** The instance's notifier. */
export const commentsNotifier: CommentsNotifier = inProcessNotifier();

/** Shorthand for the services: the agenda's comments changed. */
export function commentsChanged(agendaId: string): void {
	commentsNotifier.publish(agendaId);
}
