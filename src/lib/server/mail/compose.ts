/**
 * A mail's plain-text and HTML parts from one description, so that both always say the same.
 * The HTML has no remote images, no scripts and no tracking: only text, one link as a button,
 * and inline styles that mail clients keep.
 */
export interface MailContent {
	/** "Guten Tag Erika Muster," */
	greeting: string;
	paragraphs: string[];
	/** The one thing to do, as a link. */
	action?: { label: string; url: string };
	/** Below a rule: why the person gets this mail, how to stop it. */
	footer: string[];
}

export function composeMail(content: MailContent): { text: string; html: string } {
	const text = [
		content.greeting,
		'',
		...content.paragraphs.flatMap((paragraph) => [paragraph, '']),
		...(content.action ? [`${content.action.label}:`, content.action.url, ''] : []),
		'-- ',
		...content.footer
	].join('\n');
	const paragraph = (value: string) =>
		`<p style="margin:0 0 1em;font:16px/1.5 sans-serif;color:#1b1b1b">${escapeHtml(value)}</p>`;
	const html = [
		'<!doctype html>',
		'<html><body style="margin:0;padding:24px;background:#ffffff">',
		paragraph(content.greeting),
		...content.paragraphs.map(paragraph),
		content.action
			? `<p style="margin:1.5em 0"><a href="${escapeHtml(content.action.url)}" ` +
				'style="display:inline-block;padding:12px 20px;background:#0b5cad;color:#ffffff;' +
				`font:bold 16px sans-serif;text-decoration:none;border-radius:4px">${escapeHtml(content.action.label)}</a></p>` +
				`<p style="margin:0 0 1em;font:14px/1.5 sans-serif;color:#4a5560">${escapeHtml(content.action.url)}</p>`
			: '',
		'<hr style="border:0;border-top:1px solid #cccccc;margin:2em 0 1em">',
		...content.footer.map(
			(line) =>
				`<p style="margin:0 0 0.5em;font:13px/1.5 sans-serif;color:#4a5560">${escapeHtml(line)}</p>`
		),
		'</body></html>'
	].join('\n');
	return { text, html };
}

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}
