import { describe, expect, it } from 'vitest';
import { composeMail } from './compose';

describe('composeMail', () => {
	const content = {
		greeting: 'Guten Tag <Erika>,',
		paragraphs: ['Sie haben ein neues Passwort angefordert.', 'Der Link gilt eine Stunde.'],
		action: { label: 'Passwort festlegen', url: 'https://agenda.example/passwort/abc?x=1&y=2' },
		footer: ['Agendawerk der Stadt Musterstadt']
	};

	it('says the same in text and HTML, with the link in both', () => {
		const { text, html } = composeMail(content);
		expect(text).toContain('Guten Tag <Erika>,');
		expect(text).toContain('Passwort festlegen:\nhttps://agenda.example/passwort/abc?x=1&y=2');
		expect(html).toContain('Guten Tag &lt;Erika&gt;,');
		expect(html).toContain('href="https://agenda.example/passwort/abc?x=1&amp;y=2"');
		expect(html).toContain('Der Link gilt eine Stunde.');
	});

	it('loads nothing from elsewhere: no images, scripts or style sheets', () => {
		const { html } = composeMail(content);
		expect(html).not.toMatch(/<img|<script|<link|url\(|src=/i);
	});
});
