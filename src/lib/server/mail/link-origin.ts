import { readConfig } from '../config';

const configured = readConfig().mail.linkOrigin;

/**
 * Where links in mails point: ORIGIN, which `server/index.ts` requires as soon as mails leave the
 * house (SMTP_URL). Without it mails stay in the administration's outbox, and the address the
 * request came to is good enough there.
 */
export function mailLinkOrigin(url: URL): string {
	return configured ?? url.origin;
}
