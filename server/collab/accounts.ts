import type { WebSocket } from 'ws';

/** What the registry needs of a connection. */
export interface AccountConnection {
	socket: Pick<WebSocket, 'bufferedAmount'>;
	identity: { userId: string };
}

/**
 * The open connections of each account, across all documents: how many there are (a limit per
 * account) and how much is queued for them together (a limit per account as well as per socket,
 * so that many slow sockets of one account cannot hold the server's memory between them).
 */
export class AccountConnections<C extends AccountConnection = AccountConnection> {
	readonly #byAccount = new Map<string, Set<C>>();

	add(connection: C): void {
		const { userId } = connection.identity;
		let connections = this.#byAccount.get(userId);
		if (!connections) this.#byAccount.set(userId, (connections = new Set()));
		connections.add(connection);
	}

	delete(connection: C): void {
		const { userId } = connection.identity;
		const connections = this.#byAccount.get(userId);
		if (!connections?.delete(connection)) return;
		if (connections.size === 0) this.#byAccount.delete(userId);
	}

	count(userId: string): number {
		return this.#byAccount.get(userId)?.size ?? 0;
	}

	/** Bytes queued for all sockets of the account (ws's own queue and the TCP socket's). */
	bufferedBytes(userId: string): number {
		let total = 0;
		for (const connection of this.#byAccount.get(userId) ?? []) {
			total += connection.socket.bufferedAmount;
		}
		return total;
	}

	of(userId: string): ReadonlySet<C> {
		return this.#byAccount.get(userId) ?? new Set();
	}
}
