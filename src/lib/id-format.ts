/** The shape of ids made by `generateId` (server/ids.ts): 16 characters of lower-case base32. */
const ID_PATTERN = /^[a-z2-7]{16}$/;

export function isId(value: string): boolean {
	return ID_PATTERN.test(value);
}
