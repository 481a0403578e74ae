import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitQuestions } from './inquiry-questions';

describe('splitQuestions', () => {
	it('splits numbered questions and drops the numbers', () => {
		const text = [
			'Wir fragen den Magistrat:',
			'1. Wie ist der Stand der Umsetzung des Onlinezugangsgesetzes?',
			'2) Wann wird die eAkte eingeführt?',
			'Frage 3: Gibt es Videokonferenzen',
			'in allen Ämtern?',
			'4.',
			'Wie steht es um E-Payment?'
		].join('\r\n');
		expect(splitQuestions(text)).toEqual([
			'Wir fragen den Magistrat:',
			'Wie ist der Stand der Umsetzung des Onlinezugangsgesetzes?',
			'Wann wird die eAkte eingeführt?',
			'Gibt es Videokonferenzen\nin allen Ämtern?',
			'Wie steht es um E-Payment?'
		]);
	});

	it('keeps letters inside a numbered question and numbers out of order in their question', () => {
		const text = [
			'1. Wie ist der Stand bei',
			'a) der eAkte,',
			'b) dem E-Payment?',
			'2. Was ist bis',
			'4. Quartal 2024 geplant?',
			'3. Wer ist zuständig?'
		].join('\n');
		expect(splitQuestions(text)).toEqual([
			'Wie ist der Stand bei\na) der eAkte,\nb) dem E-Payment?',
			'Was ist bis\n4. Quartal 2024 geplant?',
			'Wer ist zuständig?'
		]);
	});

	it('splits at letters when the Anfrage has no numbers', () => {
		expect(splitQuestions('a) Erste Frage?\nb. Zweite Frage?')).toEqual([
			'Erste Frage?',
			'Zweite Frage?'
		]);
	});

	it('keeps text without markers as one question, and nothing for empty text', () => {
		expect(splitQuestions('  Wie ist der Stand?\n\nBitte ausführlich.  ')).toEqual([
			'Wie ist der Stand?\n\nBitte ausführlich.'
		]);
		expect(splitQuestions('')).toEqual([]);
		expect(splitQuestions(' \n\t\n')).toEqual([]);
		expect(splitQuestions('2. Nur eine zweite Frage')).toEqual(['2. Nur eine zweite Frage']);
		expect(splitQuestions('2023. Ein Jahr')).toEqual(['2023. Ein Jahr']);
	});

	it('never loses a word of the text', () => {
		const words = (text: string) =>
			text
				.split(/\s+/)
				.filter(
					(word) => word !== '' && !/^(?:Frage|\d{1,3}[.):]|[a-z][.)]|\d{1,3})$/iu.test(word)
				);
		fc.assert(
			fc.property(
				fc.array(
					fc.oneof(
						fc.constantFrom('1. ', '2) ', 'Frage 3: ', 'a) ', 'b. ', '', '  '),
						fc.string({ maxLength: 12 })
					),
					{ maxLength: 20 }
				),
				(parts) => {
					const text = parts.join('\n');
					expect(words(splitQuestions(text).join('\n'))).toEqual(words(text));
				}
			)
		);
	});
});
