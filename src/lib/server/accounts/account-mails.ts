import { m } from '$lib/paraglide/messages';
import { composeMail } from '../mail/compose';
import type { OutgoingMail } from '../mail/queue';

/** Accounts keep no language yet: their mails are German, the product's language. */
const locale = 'de';

/** Tells the owner that their password changed, with the way back if it was not them. */
export function passwordChangedMail(
	user: { email: string; displayName: string },
	linkOrigin: string
): OutgoingMail {
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
