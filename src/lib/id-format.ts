import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** The shape of every id: 16 characters of lower-case base32 (80 random bits). */
const ID_PATTERN = /^[a-z2-7]{16}$/;

export function isId(value: string): boolean {
	return ID_PATTERN.test(value);
}

/**
 * A new random id, on the server (rows) and in the browser (entities of the agenda document, which
 * editors create offline too). 80 bits make collisions between concurrent editors negligible.
 */
export function generateId(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
}
