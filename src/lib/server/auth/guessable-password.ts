/**
 * Which new passwords are too easy to guess. The length rule alone let "1234567890" through.
 * Three checks, each cheap for the longest allowed password:
 *
 * - the list in `common-passwords.txt`: common passwords and the words they are built from,
 *   also with a few digits or symbols around them ("Passwort2024!") and simple letter
 *   substitutions ("p@ssw0rd");
 * - patterns: one piece repeated ("hallohallo", "1111111111"), or at most three runs along the
 *   alphabet, the digits or a keyboard row ("abcdefghij", "9876543210", "qwertz1234");
 * - the person's own e-mail address, its local part or display name (`containsOwnData`).
 */
import { PASSWORD_MAX_LENGTH } from '$lib/account-rules';
import listText from './common-passwords.txt?raw';

let commonPasswords: Set<string> | undefined;

/** The list, read once, on first use. */
function common(): Set<string> {
	commonPasswords ??= new Set(
		listText
			.split('\n')
			.map((line) => line.trim())
			.filter((line) => line !== '' && !line.startsWith('#'))
	);
	return commonPasswords;
}

/**
 * Strings along which people type without thinking: the digits (round the end, "7890123"), the
 * alphabet, and the rows of German and English keyboards with their shifted signs. Each is also
 * read backwards.
 */
const WALKS = [
	'01234567890123456789',
	'abcdefghijklmnopqrstuvwxyz',
	'^1234567890ß´',
	'°!"§$%&/()=?`',
	'qwertzuiopü+',
	'asdfghjklöä#',
	'<yxcvbnm,.-',
	'`1234567890-=',
	'~!@#$%^&*()_+',
	'qwertyuiop[]',
	"asdfghjkl;'",
	'zxcvbnm,./'
].flatMap((walk) => [walk, [...walk].reverse().join('')]);

/** A piece of one walk, or one character repeated. */
function isRun(piece: string): boolean {
	if (/^(.)\1*$/su.test(piece)) return true;
	return WALKS.some((walk) => walk.includes(piece));
}

/** The whole string is one piece repeated, e.g. "abcabcabca" or "kaffeekaffee". */
function isRepetition(value: string): boolean {
	const chars = [...value];
	for (let period = 1; period <= chars.length / 2; period++) {
		if (chars.every((char, i) => i < period || char === chars[i - period])) return true;
	}
	return false;
}

/** The string splits into at most `most` runs (taken greedily, longest first). */
function isFewRuns(value: string, most: number): boolean {
	const chars = [...value];
	let start = 0;
	for (let runs = 1; runs <= most; runs++) {
		let end = start + 1;
		while (end < chars.length && isRun(chars.slice(start, end + 1).join(''))) end += 1;
		if (end >= chars.length) return true;
		start = end;
	}
	return false;
}

function isPatterned(value: string): boolean {
	return isRepetition(value) || isFewRuns(value, 3);
}

/** Letters people replace with look-alike digits and signs. */
const LOOK_ALIKES: Record<string, string> = {
	'@': 'a',
	'4': 'a',
	'0': 'o',
	'1': 'i',
	'3': 'e',
	$: 's',
	'5': 's',
	'7': 't'
};

/** Digits and signs put before or after a word to satisfy a password rule. */
const AFFIXES = /^([\d\p{P}\p{S}\s]*)(.*?)([\d\p{P}\p{S}\s]*)$/su;

/** Longest run of unpatterned digits and signs around a common word that is still refused. */
const MAX_AFFIX_LENGTH = 5;

/**
 * The affixes add little: a pattern of their own ("123456", "!!!!") or together a few characters,
 * such as a year and an exclamation mark ("2024!").
 */
function areTrivialAffixes(...affixes: string[]): boolean {
	const unpatterned = affixes.filter((affix) => affix !== '' && !isPatterned(affix));
	return unpatterned.reduce((sum, affix) => sum + [...affix].length, 0) <= MAX_AFFIX_LENGTH;
}

function withoutLookAlikes(value: string): string {
	return value.replace(/[@401357$]/g, (char) => LOOK_ALIKES[char] ?? char);
}

function isCommonWithAffixes(value: string): boolean {
	const list = common();
	if (list.has(value) || list.has(withoutLookAlikes(value))) return true;
	const [, prefix = '', stem = '', suffix = ''] = AFFIXES.exec(value) ?? [];
	if (!areTrivialAffixes(prefix, suffix)) return false;
	return list.has(stem) || list.has(withoutLookAlikes(stem));
}

/** True for a password that is common or follows a simple pattern (see the module comment). */
export function isGuessablePassword(password: string): boolean {
	// Longer ones are refused by the length rule; this bounds the work on a 100 kB "password".
	if (password.length > PASSWORD_MAX_LENGTH) return false;
	const value = password.normalize('NFKC').toLowerCase();
	return isPatterned(value) || isCommonWithAffixes(value);
}

/** Lower case, letters and digits only: "Erika Mustermann" and "erika.mustermann" compare equal. */
function simplify(value: string): string {
	return value
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Shorter names or local parts ("Anna", "info@…") would forbid too much that is unrelated
 * ("Johanna-und-der-Wald"); common short names are in the list anyway.
 */
const OWN_DATA_MIN_LENGTH = 5;

/** True when the password contains the person's e-mail address, its local part or display name. */
export function containsOwnData(
	password: string,
	own: { email: string; displayName?: string }
): boolean {
	const haystack = simplify(password);
	const localPart = own.email.slice(0, Math.max(0, own.email.lastIndexOf('@')));
	return [own.email, localPart, own.displayName ?? '']
		.map(simplify)
		.some((part) => part.length >= OWN_DATA_MIN_LENGTH && haystack.includes(part));
}
