import { error } from '@sveltejs/kit';

/** A Fassung's number as URLs carry it: a positive whole number, as the Fassungen are numbered. */
const FASSUNG_NUMBER = /^[1-9][0-9]{0,8}$/;

/**
 * A Fassung number from a query parameter (`?fassung=<n>`, the comparison's `von` and `bis`):
 * null when it is missing or empty (what a form's „Aktueller Entwurf“ option submits), a 400 with
 * the page's own `invalidMessage` when it is anything but a number.
 */
export function fassungNumber(value: string | null, invalidMessage: string): number | null {
	if (value === null || value === '') return null;
	if (!FASSUNG_NUMBER.test(value)) error(400, invalidMessage);
	return Number(value);
}
