/** The languages an account's mails can be in (Paraglide's locales). */
export const ACCOUNT_LOCALES = ['de', 'en'] as const;
export type AccountLocale = (typeof ACCOUNT_LOCALES)[number];

export const EMAIL_TOKEN_PURPOSES = ['confirm', 'change'] as const;
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number];

/** What happened to a mail: waiting to be sent (again), sent, kept in the outbox, given up. */
export const MAIL_STATUSES = ['queued', 'sent', 'outbox', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
