/** What a collaborator announces besides their name: the item they are working on. */
export interface PresenceFocus {
	/** e.g. `measures:<id>`, `goals:<id>`, `section:ausgangslage` */
	item: string;
}

export interface PresenceUser {
	id: string;
	name: string;
	colour: number;
	role?: string;
}

export interface Peer {
	clientId: number;
	user: PresenceUser;
	focus: PresenceFocus | null;
}

/** Reads awareness states defensively: they come from other browsers (via the server). */
export function peersFrom(
	states: Map<number, Record<string, unknown>>,
	ownClientId: number
): Peer[] {
	const peers: Peer[] = [];
	for (const [clientId, state] of states) {
		if (clientId === ownClientId) continue;
		const user = state.user as Partial<PresenceUser> | undefined;
		if (!user || typeof user.name !== 'string' || typeof user.id !== 'string') continue;
		const focus = state.focus as Partial<PresenceFocus> | null | undefined;
		peers.push({
			clientId,
			user: {
				id: user.id,
				name: user.name,
				colour: typeof user.colour === 'number' ? Math.abs(Math.trunc(user.colour)) % 8 : 0,
				role: typeof user.role === 'string' ? user.role : undefined
			},
			focus: focus && typeof focus.item === 'string' ? { item: focus.item } : null
		});
	}
	return peers.sort((a, b) => a.user.name.localeCompare(b.user.name, 'de'));
}
