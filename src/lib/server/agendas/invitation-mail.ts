import { formatDateTime } from '$lib/format';
import { roleLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import type { InvitableRole } from '../../roles';
import type { AccountLocale } from '../db/schema';
import { composeMail } from '../mail/compose';
import type { OutgoingMail } from '../mail/queue';

/** The link's path; the mail puts the link origin in front. */
export function invitationPath(token: string): string {
	return `/einladung/${token}`;
}

export interface InvitationMailContent {
	to: string;
	locale: AccountLocale;
	/** The invited account's name when the address has one; a stranger is greeted without. */
	recipientName: string | null;
	inviterName: string;
	agendaTitle: string;
	role: InvitableRole;
	expiresAt: Date;
	url: string;
}

/** The invitation as a mail: who invites to which agenda and role, until when, and the link. */
export function invitationMail(content: InvitationMailContent): OutgoingMail {
	const { locale } = content;
	const agenda = content.agendaTitle;
	const inviter = content.inviterName;
	return {
		kind: 'invitation',
		to: content.to,
		subject: m.mail_invitation_subject({ agenda }, { locale }),
		...composeMail({
			greeting: content.recipientName
				? m.mail_greeting({ name: content.recipientName }, { locale })
				: m.mail_greeting_unnamed({}, { locale }),
			paragraphs: [
				m.mail_invitation_intro(
					{ inviter, agenda, role: roleLabel(content.role, locale) },
					{ locale }
				),
				// Berlin time, as the members page shows the invitation's end.
				m.mail_invitation_validity({ date: formatDateTime(content.expiresAt, locale) }, { locale })
			],
			action: { label: m.mail_invitation_action({}, { locale }), url: content.url },
			footer: [m.mail_invitation_footer({ inviter }, { locale })]
		})
	};
}
