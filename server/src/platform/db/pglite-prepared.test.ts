import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatementNames } from './named-statements.ts';
import { literals, prepareRepeatedStatements } from './pglite-prepared.ts';

let client: PGlite;
/** What reached PGlite's own query(), under the patch. */
const sent: string[] = [];
// Through exec (the simple protocol, never prepared), so that looking does not add a statement.
const preparedTexts = async () =>
  ((await client.exec('select statement from pg_prepared_statements'))[0]!.rows as { statement: string }[]).map((r) =>
    r.statement.replace(/^PREPARE \w+ AS /, ''),
  );

beforeAll(async () => {
  client = await PGlite.create();
  const own = client.query.bind(client);
  client.query = ((text: string, ...rest: []) => {
    sent.push(text);
    return own(text, ...rest);
  }) as typeof client.query;
  prepareRepeatedStatements(client, new StatementNames(4));
  await client.exec(`CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL, at timestamptz, tags text[])`);
});
afterAll(() => client.close());

describe('PGlite statements used twice are prepared on the server', () => {
  it('a text is prepared at its second use and answers as before, each time with its own values', async () => {
    const text = 'insert into t (id, name) values ($1, $2) returning id, name';
    expect((await client.query(text, [1, 'first'])).rows).toEqual([{ id: 1, name: 'first' }]);
    expect(await preparedTexts()).toEqual([]);
    expect((await client.query(text, [2, 'second'])).rows).toEqual([{ id: 2, name: 'second' }]);
    expect((await client.query(text, [3, 'third'])).rows).toEqual([{ id: 3, name: 'third' }]);
    expect(await preparedTexts()).toEqual([text]);
    const select = 'select id, name from t where id >= $1 order by id';
    await client.query(select, [0]);
    expect((await client.query(select, [2], { rowMode: 'array' })).rows).toEqual([
      [2, 'second'],
      [3, 'third'],
    ]);
    expect(await preparedTexts()).toContain(select);
  });

  it('values written into EXECUTE come back exactly: quotes, backslashes, dollars, newlines, CJK, NULL, numbers, booleans', async () => {
    const text = 'select $1::text as s, $2::int as n, $3::boolean as b, $4::text as z, $5::numeric as x';
    const tricky = ["O'Brien \\ '' $1 $$ --", '市场监管局\n第二行 😀', "'; drop table t; --"];
    for (const s of tricky) {
      for (let i = 0; i < 2; i++) {
        expect((await client.query(text, [s, -42, i === 0, null, 1.5])).rows).toEqual([{ s, n: -42, b: i === 0, z: null, x: '1.5' }]);
      }
    }
    expect(await preparedTexts()).toContain(text);
    expect((await client.exec('select count(*)::int n from t'))[0]!.rows).toEqual([{ n: 3 }]);
  });

  it('a statement with a value that has no unambiguous text (a Date, an array) runs unprepared, as before', async () => {
    const text = 'update t set at = $1, tags = $2 where id = $3 returning at, tags';
    const at = new Date('2026-12-07T08:00:00Z');
    for (let i = 0; i < 3; i++) expect((await client.query(text, [at, ['a', "b'c"], 1])).rows).toEqual([{ at, tags: ['a', "b'c"] }]);
    expect(await preparedTexts()).not.toContain(text);
  });

  it('a text PREPARE refuses runs unprepared from then on; an error of a prepared statement is the same error', async () => {
    // The name the registry will give this text is taken already (by another statement): its PREPARE fails.
    const text = 'select $1::text as v';
    const name = `s${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    await client.exec(`PREPARE ${name} AS select 'not this' as v`);
    for (let i = 0; i < 3; i++) expect((await client.query(text, ['x'])).rows).toEqual([{ v: 'x' }]);
    expect(sent.filter((t) => t.startsWith(`PREPARE ${name} AS select $1::text`))).toHaveLength(1);
    expect(sent.filter((t) => t.startsWith(`EXECUTE ${name}`))).toHaveLength(0);
    await client.exec(`DEALLOCATE ${name}`);
    const insert = 'insert into t (id, name) values ($1, $2) returning id, name';
    await expect(client.query(insert, [1, 'again'])).rejects.toMatchObject({ code: '23505' });
  });

  it('statements inside a transaction are sent as they are; the registry stops at its cap', async () => {
    const text = 'select name from t where id = $1';
    await client.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) expect((await tx.query(text, [2])).rows).toEqual([{ name: 'second' }]);
    });
    expect(await preparedTexts()).not.toContain(text);
    // The cap is 4 names in this test (the insert, the select, the typed select and the refused one hold them).
    for (let i = 0; i < 3; i++) expect((await client.query(text, [3])).rows).toEqual([{ name: 'third' }]);
    expect(await preparedTexts()).toHaveLength(3);
  });
});

describe('literals', () => {
  it('quotes strings and numbers, writes NULL and booleans, and gives up on anything else', () => {
    expect(literals(["it's", 7, 10n, true, null, undefined])).toEqual(["'it''s'", "'7'", "'10'", 'true', 'NULL', 'NULL']);
    for (const v of [new Date(), ['a'], new Uint8Array(1), { a: 1 }, Number.NaN, Infinity, 'nul\0']) expect(literals([v])).toBeUndefined();
  });
});
