/** The result of an account-page action as its sections read it (success or `formFailure`). */
export type AccountFormResult =
	| {
			action?: string;
			success?: string;
			errors?: Record<string, string>;
			values?: Record<string, string>;
	  }
	| null
	| undefined;
