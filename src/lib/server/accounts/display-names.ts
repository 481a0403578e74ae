/**
 * Names that would let someone pass for an official voice. Display names appear next to
 * comments and answers; a citizen named "Stabsstelle Digitalisierung", or "Anna Berger (AG)" like
 * a member of the working group, could answer in their name. So a display name is refused when,
 * compared loosely (`nameKey`), it is
 *
 * - one of the few reserved names of offices and roles below, unless the account is an instance
 *   admin (the official account itself, such as the demo's "Stabsstelle Digitalisierung"), or
 * - the name of another account that speaks for an agenda: an owner or editor of one, or an
 *   instance admin. Viewers and citizens do not answer, so two citizens may share a name.
 */
import { and, eq, inArray, ne, or } from 'drizzle-orm';
import { cleanSingleLineText } from '../../text/clean';
import type { Executor } from '../db/connection';
import { memberships, users } from '../db/schema';

/** Latin look-alikes from other scripts (Cyrillic, Greek, Turkish dotless i) that NFKD keeps. */
const LOOK_ALIKES: Record<string, string> = {
	а: 'a',
	в: 'b',
	е: 'e',
	к: 'k',
	м: 'm',
	н: 'h',
	о: 'o',
	р: 'p',
	с: 'c',
	т: 't',
	у: 'y',
	х: 'x',
	і: 'i',
	ј: 'j',
	ѕ: 's',
	α: 'a',
	ε: 'e',
	ι: 'i',
	κ: 'k',
	ν: 'v',
	ο: 'o',
	ρ: 'p',
	τ: 't',
	υ: 'u',
	χ: 'x',
	ı: 'i'
};

const GERMAN_LETTERS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * What two names must not share: lower case, without spaces, punctuation and invisible
 * characters, umlauts spelt out ("Bürger" = "Buerger"), accents dropped ("é" = "e"), wide forms
 * and look-alike letters of other scripts read as Latin.
 */
export function nameKey(name: string): string {
	return cleanSingleLineText(name)
		.toLowerCase()
		.replace(/[äöüß]/g, (letter) => GERMAN_LETTERS[letter] ?? letter)
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/./gu, (letter) => LOOK_ALIKES[letter] ?? letter)
		.replace(/[^\p{L}\p{N}]/gu, '');
}

/** Offices and roles of an administration, in the form `nameKey` gives them. */
const RESERVED = new Set(
	[
		'Stabsstelle Digitalisierung',
		'AG Digitalisierung',
		'Arbeitsgruppe Digitalisierung',
		'Verwaltung',
		'Stadtverwaltung',
		'Gemeindeverwaltung',
		'Administration',
		'Administrator',
		'Administratorin',
		'Admin',
		'Moderation',
		'Moderator',
		'Moderatorin',
		'Bürgermeister',
		'Bürgermeisterin',
		'Oberbürgermeister',
		'Oberbürgermeisterin',
		'Agendawerk'
	].map(nameKey)
);

export type DisplayNameProblem = 'reserved' | 'taken';

/**
 * Why `name` cannot be this account's display name, or null. `account.userId` is the account
 * taking the name (absent at registration); an instance admin may use a reserved name.
 */
export async function displayNameProblem(
	db: Pick<Executor, 'select'>,
	name: string,
	account: { userId?: string; isAdmin?: boolean }
): Promise<DisplayNameProblem | null> {
	const key = nameKey(name);
	const isAdmin = account.isAdmin ?? (await isAdminAccount(db, account.userId));
	if (RESERVED.has(key) && !isAdmin) return 'reserved';
	return (await officialNames(db, account.userId)).some((official) => nameKey(official) === key)
		? 'taken'
		: null;
}

async function isAdminAccount(
	db: Pick<Executor, 'select'>,
	userId: string | undefined
): Promise<boolean> {
	if (userId === undefined) return false;
	const [account] = await db
		.select({ isAdmin: users.isAdmin })
		.from(users)
		.where(eq(users.id, userId));
	return account?.isAdmin === true;
}

/** Display names of the other accounts that speak for an agenda: owners, editors and admins. */
async function officialNames(
	db: Pick<Executor, 'select'>,
	exceptUserId: string | undefined
): Promise<string[]> {
	const speaking = or(
		eq(users.isAdmin, true),
		inArray(
			users.id,
			db
				.select({ id: memberships.userId })
				.from(memberships)
				.where(inArray(memberships.role, ['owner', 'editor']))
		)
	);
	const rows = await db
		.select({ name: users.displayName })
		.from(users)
		.where(exceptUserId === undefined ? speaking : and(speaking, ne(users.id, exceptUserId)));
	return rows.map((row) => row.name);
}
