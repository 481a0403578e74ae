import { CHANNELS, clusterBus } from '../redis/bus';

/**
 * "Something about this agenda's comments changed": the one place the participation services
 * announce a new comment, reply, edit, deletion, report, moderation decision or answer, and the
 * editor's live stream listens. It carries no content, only the agenda id; whoever listens reloads
 * through the usual permission-checked load. With several processes (`REDIS_URL`), the other
 * processes hear of it through the cluster bus and tell their own listeners.
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

const SHARED = Symbol.for('agendawerk.comments-notifier');

/**
 * The listeners of this process. The SvelteKit bundle (whose streams listen) and the server entry
 * (which relays other processes' messages) are separate module graphs; both reach it through
 * `globalThis`.
 */
function processNotifier(): CommentsNotifier {
	const scope = globalThis as { [SHARED]?: CommentsNotifier };
	return (scope[SHARED] ??= inProcessNotifier());
}

/** The instance's notifier: this process's listeners, and the other processes. */
export const commentsNotifier: CommentsNotifier = {
	publish(agendaId) {
		processNotifier().publish(agendaId);
		clusterBus().publish(CHANNELS.comments, JSON.stringify({ agendaId }));
	},
	subscribe: (agendaId, listener) => processNotifier().subscribe(agendaId, listener),
	listenerCount: (agendaId) => processNotifier().listenerCount(agendaId)
};

/** Another process announced a change: this process's listeners, nobody told further. */
export function commentsChangedElsewhere(agendaId: string): void {
	processNotifier().publish(agendaId);
}

/** Shorthand for the services: the agenda's comments changed. */
export function commentsChanged(agendaId: string): void {
	commentsNotifier.publish(agendaId);
}
