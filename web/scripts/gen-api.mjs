// The web's API types from the server's OpenAPI document (src/api/openapi.json → src/api/schema.d.ts).
// openapi-typescript's own transform hook types a raw file (`type: string, format: binary`: uploads,
// imports, exports) as a Blob, so a File is the typed body of an upload. `--check`: fail when stale.
import { readFileSync, writeFileSync } from 'node:fs';
import ts from 'typescript';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

const input = new URL('../src/api/openapi.json', import.meta.url);
const output = new URL('../src/api/schema.d.ts', import.meta.url);
const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier('Blob'));

const ast = await openapiTS(input, {
  transform(schema) {
    if (schema.format === 'binary') return BLOB;
    return undefined;
  },
});
const text = COMMENT_HEADER + astToString(ast);

if (process.argv.includes('--check')) {
  if (readFileSync(output, 'utf8') !== text) {
    console.error('src/api/schema.d.ts is stale: run npm run -w web gen:api');
    process.exit(1);
  }
} else {
  writeFileSync(output, text);
}
