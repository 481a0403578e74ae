import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane): about 30 ms here, slow enough for
 * offline guessing, fast enough that log-in bursts do not starve the event loop.
 */
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		// A malformed stored hash must read as "wrong password", never as a server error.
		return false;
	}
}

/**
 * A hash computed once, verified against when the e-mail is unknown, so that a log-in for an
 * unknown address takes as long as one for a known address (no account enumeration by timing).
 */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummyHash ??= hashPassword('agendawerk-timing-equaliser');
	await verifyPassword(await dummyHash, password);
	return false;
}
