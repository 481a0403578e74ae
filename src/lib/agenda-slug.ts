/**
 * An agenda's short name (`musterstadt`), chosen when it is created and part of its public
 * address `/beteiligung/<slug>`: 3 to 60 lower-case letters and digits, words joined by single
 * hyphens.
 */
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_MIN_LENGTH = 3;
const SLUG_MAX_LENGTH = 60;

export function isAgendaSlug(value: string): boolean {
	return (
		value.length >= SLUG_MIN_LENGTH && value.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(value)
	);
}
