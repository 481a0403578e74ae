import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** The shape of every id: 16 characters of lower-case base32 (80 random bits). */
const ID_PATTERN = /^[a-z2-7]{16}$/;

/** The shape of every secret token (session, invitation link): 32 characters of base32. */
const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

export function isId(value: string): boolean {
	return ID_PATTERN.test(value);
}

export function isToken(value: string): boolean {
	return TOKEN_PATTERN.test(value);
}

/**
 * A new random id, on the server (rows) and in the browser (entities of the agenda document, which
 * editors create offline too). 80 bits make collisions between concurrent editors negligible.
 */
export function generateId(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
}

/** Random secret of 32 base32 characters (160 bits): session and invitation tokens. */
export function generateToken(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}
