import type { AgendaMeta } from '../agenda/model/schema';
import { decidingBodySubject, type DecidingBody } from './deciding-body';

const KIND = 'Digitale Agenda';

/**
 * The Beschlussvorschlag an owner starts from, as council documents phrase it. Used while the
 * owner has not written one, so it follows changes of the title, the period and the deciding
 * body. A title that already starts with „Digitale Agenda“ is not preceded by it again.
 */
export function defaultProposal(
	meta: Pick<AgendaMeta, 'title' | 'periodStart' | 'periodEnd'>,
	decidingBody: DecidingBody | null
) {
	const title = meta.title.trim();
	const named = title === '' ? KIND : title.startsWith(KIND) ? `„${title}“` : `${KIND} „${title}“`;
	const period = periodText(meta);
	return (
		`${decidingBodySubject(decidingBody)} beschließt die ${named}` +
		(period ? ` für den Zeitraum ${period}` : '') +
		' (Anlage 1).'
	);
}

/** `2026 bis 2030`, `ab 2026`, `bis 2030`, or null without any year. */
export function periodText(meta: Pick<AgendaMeta, 'periodStart' | 'periodEnd'>): string | null {
	const { periodStart: start, periodEnd: end } = meta;
	if (start !== null && end !== null) return start === end ? String(start) : `${start} bis ${end}`;
	if (start !== null) return `ab ${start}`;
	if (end !== null) return `bis ${end}`;
	return null;
}
