import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { dispositionLabel, measureStatusLabel, priorityLabel } from './labels';

const visitorsLocale = getLocale;

afterEach(() => overwriteGetLocale(visitorsLocale));

describe('labels', () => {
	it('are in the visitor’s language', () => {
		expect(priorityLabel('hoch')).toBe('hoch');
		expect(measureStatusLabel('in-vorbereitung')).toBe('in Vorbereitung');
		overwriteGetLocale(() => 'en');
		expect(priorityLabel('hoch')).toBe('high');
		expect(measureStatusLabel('in-vorbereitung')).toBe('in preparation');
		expect(dispositionLabel('teilweise-uebernommen')).toBe('partly taken up');
	});

	it('are in the language asked for, whatever the visitor’s', () => {
		overwriteGetLocale(() => 'en');
		expect(priorityLabel('hoch', 'de')).toBe('hoch');
		expect(dispositionLabel('teilweise-uebernommen', 'de')).toBe('teilweise übernommen');
	});
});
