import type { AgendaMeta } from '../agenda/model/schema';

/**
 * The Beschlussvorschlag an owner starts from, as council documents phrase it. Used while the
 * owner has not written one, so it follows changes of the title and the period.
 */
export function defaultProposal(meta: Pick<AgendaMeta, 'title' | 'periodStart' | 'periodEnd'>) {
	const title = meta.title.trim() === '' ? 'Digitale Agenda' : meta.title.trim();
	const period = periodText(meta);
	return (
		`Die Stadtvertretung beschließt die Digitale Agenda „${title}“` +
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
