import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { openRedis } from './client';

/**
 * Messages between the app's processes: the doorbell of docs/architecture.md. A message says
 * that something changed (an update with its number, an access change, a cleared cache); whoever
 * hears it reads the truth from the database. Nothing may depend on a message arriving: Redis
 * may restart, and pub/sub delivers at most once.
 *
 * `publish` reaches the *other* processes only: callers handle their own process directly, as
 * they did before there was more than one, and a process ignores its own messages.
 */
export interface ClusterBus {
	/** This process's id, new on every start. */
	readonly processId: string;
	/** false without `REDIS_URL`: there are no other processes to tell. */
	readonly shared: boolean;
	/** Whether the subscription stands: false from a lost connection until `onReady` runs again. */
	readonly connected: boolean;
	publish(channel: string, payload: Uint8Array | string): void;
	/** Messages of other processes on `channel`; returns the unsubscribe. */
	subscribe(channel: string, listener: MessageListener): () => void;
	/**
	 * Called each time the connection to Redis is (again) ready and every channel is subscribed:
	 * what was published meanwhile is lost, so listeners catch up from the database.
	 */
	onReady(listener: () => void): () => void;
	close(): Promise<void>;
}

export type MessageListener = (payload: Buffer, from: string) => void;

/** Every channel of Agendawerk starts so, so that other users of the same Redis are not disturbed. */
export const CHANNEL_PREFIX = 'agendawerk:';

/**
 * What the processes tell each other (docs/architecture.md §6). Each message only says "look
 * again": the receiver reads what changed from the database, with its own permission checks.
 */
export const CHANNELS = {
	/** A write emptied a public page cache: the others empty theirs. No payload. */
	publicPagesClear: `${CHANNEL_PREFIX}public-pages:clear`,
	/** Who may do what changed: `{"agendaId": …}`, or `{}` for sessions and accounts (any agenda). */
	access: `${CHANNEL_PREFIX}access`,
	/** An agenda's comments changed: `{"agendaId": …}`. */
	comments: `${CHANNEL_PREFIX}comments`
} as const;

/** 16 hex characters at the start of every message: who sent it. */
const PROCESS_ID_LENGTH = 16;

export function newProcessId(): string {
	return randomBytes(PROCESS_ID_LENGTH / 2).toString('hex');
}

/** The bus of a single process: nobody else to tell. */
export function localBus(processId = newProcessId()): ClusterBus {
	return {
		processId,
		shared: false,
		connected: true,
		publish() {},
		subscribe: () => () => {},
		onReady: () => () => {},
		close: async () => {}
	};
}

/**
 * The bus over Redis: one connection publishes, one listens (a subscribed connection can do
 * nothing else).
 */
export function redisBus(
	url: string,
	log: (line: string) => void,
	processId = newProcessId()
): ClusterBus {
	const publisher = openRedis(url, 'Senden', log);
	const subscriber = openRedis(url, 'Empfangen', log);
	const listeners = new Map<string, Set<MessageListener>>();
	const readyListeners = new Set<() => void>();
	const sender = Buffer.from(processId, 'latin1');

	subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
		if (message.length < PROCESS_ID_LENGTH) return;
		const from = message.subarray(0, PROCESS_ID_LENGTH).toString('latin1');
		if (from === processId) return;
		const payload = message.subarray(PROCESS_ID_LENGTH);
		for (const listener of listeners.get(channel.toString()) ?? []) {
			try {
				listener(payload, from);
			} catch (error) {
				log(`Nachricht auf ${channel.toString()} nicht verarbeitet: ${String(error)}`);
			}
		}
	});
	let connected = false;
	subscriber.on('ready', () => {
		void subscribeAll(subscriber, [...listeners.keys()]).then((done) => {
			if (!done) return;
			connected = true;
			for (const listener of readyListeners) listener();
		});
	});
	subscriber.on('close', () => {
		connected = false;
	});

	return {
		processId,
		shared: true,
		get connected() {
			return connected;
		},
		publish(channel, payload) {
			const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
			// A message that cannot go out is lost like any pub/sub message; the client logs the outage.
			publisher.publish(channel, Buffer.concat([sender, body])).catch(() => undefined);
		},
		subscribe(channel, listener) {
			let set = listeners.get(channel);
			if (!set) {
				set = new Set();
				listeners.set(channel, set);
				if (subscriber.status === 'ready') void subscribeAll(subscriber, [channel]);
			}
			set.add(listener);
			return () => {
				set.delete(listener);
				if (set.size > 0 || listeners.get(channel) !== set) return;
				listeners.delete(channel);
				if (subscriber.status === 'ready') subscriber.unsubscribe(channel).catch(() => undefined);
			};
		},
		onReady(listener) {
			readyListeners.add(listener);
			return () => readyListeners.delete(listener);
		},
		async close() {
			readyListeners.clear();
			listeners.clear();
			await Promise.all([quit(publisher), quit(subscriber)]);
		}
	};
}

/** true once Redis confirmed; false when the connection broke meanwhile (`ready` comes again). */
async function subscribeAll(subscriber: Redis, channels: string[]): Promise<boolean> {
	if (channels.length === 0) return true;
	try {
		await subscriber.subscribe(...channels);
		return true;
	} catch {
		return false;
	}
}

async function quit(redis: Redis): Promise<void> {
	try {
		await redis.quit();
	} catch {
		redis.disconnect();
	}
}

const SHARED = Symbol.for('agendawerk.cluster-bus');

/**
 * The bus of this process. The server entry installs it before SvelteKit's bundle loads; both
 * module graphs reach it through `globalThis` (as with `access-changes.ts`). Without an
 * installed bus (tests, `vite dev` without REDIS_URL) it is the local one.
 */
export function clusterBus(): ClusterBus {
	const scope = globalThis as { [SHARED]?: ClusterBus };
	return (scope[SHARED] ??= localBus());
}

export function installClusterBus(bus: ClusterBus): void {
	(globalThis as { [SHARED]?: ClusterBus })[SHARED] = bus;
}
