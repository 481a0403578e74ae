/**
 * How many live streams each account holds open, so that one account cannot hold the server's
 * sockets (an editor tab holds one; a browser opens at most six connections to a site).
 */
export interface StreamQuota {
	/** Takes a place for `userId`; returns the function that gives it back, or null when full. */
	take(userId: string): (() => void) | null;
	/** Open streams of `userId`: for tests. */
	openOf(userId: string): number;
}

export function streamQuota(perUser: number): StreamQuota {
	const open = new Map<string, number>();
	return {
		take(userId) {
			const count = open.get(userId) ?? 0;
			if (count >= perUser) return null;
			open.set(userId, count + 1);
			let given = false;
			return () => {
				if (given) return;
				given = true;
				const left = (open.get(userId) ?? 1) - 1;
				if (left === 0) open.delete(userId);
				else open.set(userId, left);
			};
		},
		openOf: (userId) => open.get(userId) ?? 0
	};
}
