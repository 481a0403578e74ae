/**
 * The mails about an account itself (its password and address), each in the recipient's language
 * (`users.locale`). They are not notifications: they cannot be unsubscribed, and the footer says why.
 */
import { m } from '$lib/paraglide/messages';
import type { AccountLocale } from '../db/schema';
import { composeMail } from '../mail/compose';
import type { OutgoingMail } from '../mail/queue';

/** Who an account mail goes to, and in which language. */
export interface MailRecipient {
	email: string;
	displayName: string;
	locale: AccountLocale;
}

/** How long a link in an address mail (confirmation, change) stays valid, in hours for the text. */
export const EMAIL_TOKEN_LIFETIME_HOURS = 48;

/** Tells the owner that their password changed, with the way back if it was not them. */
export function passwordChangedMail(user: MailRecipient, linkOrigin: string): OutgoingMail {
	const { locale } = user;
	return {
		kind: 'password-changed',
		to: user.email,
		subject: m.mail_password_changed_subject({}, { locale }),
		...composeMail({
			greeting: m.mail_greeting({ name: user.displayName }, { locale }),
			paragraphs: [
				m.mail_password_changed_intro({}, { locale }),
				m.mail_password_changed_not_you({}, { locale })
			],
			action: {
				label: m.mail_password_changed_action({}, { locale }),
				url: `${linkOrigin}/passwort-vergessen`
			},
			footer: [m.mail_password_changed_footer({}, { locale })]
		})
	};
}

/** The link that confirms a new account's address (`confirmUrl` carries the token). */
export function addressConfirmationMail(user: MailRecipient, confirmUrl: string): OutgoingMail {
	const { locale } = user;
	const hours = EMAIL_TOKEN_LIFETIME_HOURS;
	return {
		kind: 'address-confirm',
		to: user.email,
		subject: m.mail_confirm_subject({}, { locale }),
		...composeMail({
			greeting: m.mail_greeting({ name: user.displayName }, { locale }),
			paragraphs: [
				m.mail_confirm_intro({}, { locale }),
				m.mail_confirm_validity({ hours }, { locale })
			],
			action: { label: m.mail_confirm_action({}, { locale }), url: confirmUrl },
			footer: [m.mail_confirm_footer({}, { locale })]
		})
	};
}

/**
 * To the owner of an address someone tried to register again: the registrant is told nothing (the
 * form answers as for a new address), the owner learns of it and finds the way back in.
 */
export function duplicateRegistrationMail(user: MailRecipient, linkOrigin: string): OutgoingMail {
	const { locale } = user;
	return {
		kind: 'duplicate-registration',
		to: user.email,
		subject: m.mail_duplicate_registration_subject({}, { locale }),
		...composeMail({
			greeting: m.mail_greeting({ name: user.displayName }, { locale }),
			paragraphs: [
				m.mail_duplicate_registration_intro({}, { locale }),
				m.mail_duplicate_registration_was_you({}, { locale })
			],
			action: {
				label: m.mail_duplicate_registration_action({}, { locale }),
				url: `${linkOrigin}/passwort-vergessen`
			},
			footer: [m.mail_duplicate_registration_footer({}, { locale })]
		})
	};
}

/** To the new address: the link that makes it the account's (`confirmUrl` carries the token). */
export function addressChangeMail(
	user: MailRecipient,
	newEmail: string,
	confirmUrl: string
): OutgoingMail {
	const { locale } = user;
	const hours = EMAIL_TOKEN_LIFETIME_HOURS;
	return {
		kind: 'address-change',
		to: newEmail,
		subject: m.mail_address_change_subject({}, { locale }),
		...composeMail({
			greeting: m.mail_greeting({ name: user.displayName }, { locale }),
			paragraphs: [
				m.mail_address_change_intro({}, { locale }),
				m.mail_address_change_validity({ hours }, { locale })
			],
			action: { label: m.mail_address_change_action({}, { locale }), url: confirmUrl },
			footer: [m.mail_address_change_footer({}, { locale })]
		})
	};
}

/** To the old address: a change was asked for, with the way back if it was not the owner. */
export function addressChangeNoticeMail(
	user: MailRecipient,
	newEmail: string,
	linkOrigin: string
): OutgoingMail {
	const { locale } = user;
	return {
		kind: 'address-change-notice',
		to: user.email,
		subject: m.mail_address_change_notice_subject({}, { locale }),
		...composeMail({
			greeting: m.mail_greeting({ name: user.displayName }, { locale }),
			paragraphs: [
				m.mail_address_change_notice_intro({ email: newEmail }, { locale }),
				m.mail_address_change_notice_not_you({}, { locale })
			],
			action: {
				label: m.mail_address_change_notice_action({}, { locale }),
				url: `${linkOrigin}/passwort-vergessen`
			},
			footer: [m.mail_address_change_notice_footer({}, { locale })]
		})
	};
}
