import type { ParamMatcher } from '@sveltejs/kit';
import { isToken } from '$lib/id-format';

export const match: ParamMatcher = (param) => isToken(param);
