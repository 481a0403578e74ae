import { describe, expect, it } from 'vitest';
import { defaultProposal } from './proposal';

const meta = (title: string) => ({ title, periodStart: 2026, periodEnd: 2030 });

describe('defaultProposal', () => {
	it('does not repeat „Digitale Agenda“ when the title starts with it', () => {
		expect(defaultProposal(meta('Digitale Agenda Musterstadt 2026–2030'), 'Stadtvertretung')).toBe(
			'Die Stadtvertretung beschließt die „Digitale Agenda Musterstadt 2026–2030“ für den Zeitraum 2026 bis 2030 (Anlage 1).'
		);
	});

	it('names the kind of document before any other title', () => {
		expect(defaultProposal(meta('Musterstadt digital'), 'Stadtvertretung')).toBe(
			'Die Stadtvertretung beschließt die Digitale Agenda „Musterstadt digital“ für den Zeitraum 2026 bis 2030 (Anlage 1).'
		);
		expect(defaultProposal(meta('  '), 'Stadtvertretung')).toBe(
			'Die Stadtvertretung beschließt die Digitale Agenda für den Zeitraum 2026 bis 2030 (Anlage 1).'
		);
	});

	it('names the deciding body the municipality set, with its article', () => {
		expect(defaultProposal(meta('Musterstadt digital'), 'Gemeinderat')).toMatch(
			/^Der Gemeinderat beschließt die Digitale Agenda/
		);
		expect(defaultProposal(meta('Musterstadt digital'), 'Kreistag')).toMatch(
			/^Der Kreistag beschließt/
		);
		expect(defaultProposal(meta('Musterstadt digital'), 'Gemeindevertretung')).toMatch(
			/^Die Gemeindevertretung beschließt/
		);
	});

	it('words it neutrally while no deciding body is set', () => {
		const text = defaultProposal(meta('Musterstadt digital'), null);
		expect(text).toMatch(/^Das Beschlussgremium beschließt die Digitale Agenda/);
		expect(text).not.toContain('Stadtvertretung');
	});
});
