import prettier from 'eslint-config-prettier';
import { includeIgnoreFile } from '@eslint/compat';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { fileURLToPath } from 'node:url';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const gitignorePath = fileURLToPath(new URL('./.gitignore', import.meta.url));

export default ts.config(
	includeIgnoreFile(gitignorePath),
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// typescript-eslint recommends this off for TS projects: the compiler already reports it.
			'no-undef': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// Database calls are asynchronous (PostgreSQL answers only so): a call whose promise nobody
		// awaits would write after the response, or outside its transaction, or not at all.
		files: ['src/**/*.ts', 'server/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts'],
		ignores: ['**/*.svelte.ts'],
		languageOptions: { parserOptions: { projectService: true } },
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
			// A promise in a template string (`/abbestellen/${token}` with an unawaited token).
			'@typescript-eslint/restrict-template-expressions': [
				'error',
				{
					allowAny: true,
					allowBoolean: true,
					allowNullish: true,
					allowNumber: true,
					allowRegExp: true,
					allowNever: true,
					allowArray: true
				}
			]
		}
	},
	{
		// The agenda model is what pages and the browser import to show, check and compute an agenda:
		// it must stay cheap to load, so neither Yjs nor the document layer may creep in. Tests may
		// cross-check the model against the document layer.
		files: ['src/lib/agenda/model/**/*.ts'],
		ignores: ['**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['yjs', 'y-*', '@tiptap/*'], message: 'The agenda model stays free of Yjs.' },
						{
							group: ['**/ydoc/**', '**/ydoc'],
							message: 'The agenda model does not import the Yjs document layer.'
						}
					]
				}
			]
		}
	}
);
