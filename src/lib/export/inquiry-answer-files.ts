/** The files an Anfrage's answer is served as: Word, PDF and the OParl Paper. */
export const ANSWER_FILES = {
	'antwort.docx': 'docx',
	'antwort.pdf': 'pdf',
	'antwort.json': 'json'
} as const;

export type AnswerFileName = keyof typeof ANSWER_FILES;

export function isAnswerFileName(name: string): name is AnswerFileName {
	return Object.hasOwn(ANSWER_FILES, name);
}
