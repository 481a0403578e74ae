import type { ParamMatcher } from '@sveltejs/kit';
import { isAnswerFileName, type AnswerFileName } from '$lib/export/inquiry-answer-files';

/** The files of an Anfrage's answer (`/api/agendas/<id>/anfragen/<anfrage>/<file>`). */
export const match = ((param: string): param is AnswerFileName =>
	isAnswerFileName(param)) satisfies ParamMatcher;
