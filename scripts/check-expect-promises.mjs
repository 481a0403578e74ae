/**
 * `expect(promise)` compares the promise, not its value: `expect(save()).toBeTruthy()` passes
 * whatever `save` does. Neither the compiler nor typescript-eslint's `no-floating-promises` sees
 * it (the promise is passed on), and since the database calls became asynchronous (issue 18) it
 * is easy to miss an `await`. This check finds every `expect(x)` in the tests and benches whose
 * `x` is a Promise and is not followed by `.resolves` or `.rejects`. Part of `npm run lint`.
 */
import path from 'node:path';
import ts from 'typescript';

const root = process.cwd();
const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
const testFiles = parsed.fileNames.filter(
	(file) => /\.(test|spec)\.ts$/.test(file) || /\/(tests|bench)\//.test(file)
);
const program = ts.createProgram(testFiles, parsed.options);
const checker = program.getTypeChecker();

/** @param {ts.Type} type */
function isPromise(type) {
	if (type.getSymbol()?.getName() === 'Promise') return true;
	return type.isUnion() && type.types.some(isPromise);
}

let found = 0;
for (const file of program.getSourceFiles()) {
	if (file.isDeclarationFile || file.fileName.includes('node_modules')) continue;
	/** @param {ts.Node} node */
	const visit = (node) => {
		if (
			ts.isCallExpression(node) &&
			ts.isIdentifier(node.expression) &&
			node.expression.text === 'expect' &&
			node.arguments[0] !== undefined
		) {
			const chained = ts.isPropertyAccessExpression(node.parent) ? node.parent.name.text : '';
			const awaitsItself = chained === 'resolves' || chained === 'rejects';
			if (!awaitsItself && isPromise(checker.getTypeAtLocation(node.arguments[0]))) {
				const { line } = file.getLineAndCharacterOfPosition(node.getStart());
				const argument = node.arguments[0].getText().slice(0, 80);
				console.error(
					`${path.relative(root, file.fileName)}:${line + 1}: expect(Promise): ${argument}`
				);
				found += 1;
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
}
if (found > 0) {
	console.error(`${found} × expect() eines Promise: await davor, oder .resolves/.rejects.`);
	process.exit(1);
}
