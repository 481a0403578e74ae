import { randomBytes } from 'node:crypto';

/**
 * Uploads between the dry run and the import. The dry run keeps the file here and hands the page a
 * short-lived token; the import posts only the token (and the dry run's fingerprint), so the file
 * crosses the request limit once, not twice, and never travels back through the browser.
 *
 * In memory on purpose (no table for transient files): bounded in bytes (the oldest upload goes
 * first), each upload expiring after `ttlMs`, and bound to the person and agenda that checked it
 * — a token is worth nothing to anyone else. A restart forgets them; the page then asks to check
 * the file again.
 */
export interface UploadOwner {
	userId: string;
	agendaId: string;
}

interface Entry extends UploadOwner {
	bytes: Uint8Array;
	expiresAt: number;
}

export interface UploadStore {
	put(owner: UploadOwner, bytes: Uint8Array): string;
	/** The upload, if the token is known, not expired and the owner's; else null. */
	get(token: string, owner: UploadOwner): Uint8Array | null;
}

export function createUploadStore(options: {
	maxBytes: number;
	ttlMs: number;
	now?: () => number;
}): UploadStore {
	const now = options.now ?? Date.now;
	// A Map iterates in insertion order: the first entries are the oldest.
	const entries = new Map<string, Entry>();
	let total = 0;

	function drop(token: string) {
		const entry = entries.get(token);
		if (!entry) return;
		total -= entry.bytes.length;
		entries.delete(token);
	}

	function dropExpired() {
		for (const [token, entry] of entries) if (entry.expiresAt <= now()) drop(token);
	}

	return {
		put(owner, bytes) {
			dropExpired();
			for (const token of entries.keys()) {
				if (total + bytes.length <= options.maxBytes) break;
				drop(token);
			}
			const token = randomBytes(18).toString('base64url');
			entries.set(token, {
				userId: owner.userId,
				agendaId: owner.agendaId,
				bytes,
				expiresAt: now() + options.ttlMs
			});
			total += bytes.length;
			return token;
		},
		get(token, owner) {
			const entry = entries.get(token);
			if (!entry) return null;
			if (entry.expiresAt <= now()) {
				drop(token);
				return null;
			}
			return entry.userId === owner.userId && entry.agendaId === owner.agendaId
				? entry.bytes
				: null;
		}
	};
}
