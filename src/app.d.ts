import type { SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: { id: string; expiresAt: Date } | null;
			/** Set by `handleError` when the request failed on an unreachable database (503). */
			databaseUnreachable?: boolean;
		}
		interface Error {
			message: string;
			/** The status the response goes out with when Kit's own differs (503, see hooks). */
			status?: number;
		}
	}
}

export {};
