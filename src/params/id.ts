import type { ParamMatcher } from '@sveltejs/kit';
import { isId } from '$lib/id-format';

export const match: ParamMatcher = (param) => isId(param);
