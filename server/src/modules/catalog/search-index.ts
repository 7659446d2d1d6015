import type { Executor } from '../../platform/db/index.ts';
import { termsFor } from './search.ts';
import { publishedImplementationsOf, replaceSearchTerms, type ImplRow, type ItemRow } from './repository.ts';

/**
 * Rebuilds an implementation's search terms from its item (names, keywords, themes, codes), or
 * removes them: only published implementations are searchable.
 */
export async function indexImplementation(
  db: Executor,
  impl: Pick<ImplRow, 'id' | 'implementationCode' | 'views'>,
  item: Pick<ItemRow, 'name' | 'keywords' | 'themes' | 'baseCode'>,
  searchable = true,
) {
  await replaceSearchTerms(db, impl.id, searchable ? termsFor({ ...item, implementationCode: impl.implementationCode }) : [], impl.views);
}

/** Re-indexes the published implementations of an item whose name, keywords or themes changed. */
export async function reindexItem(db: Executor, item: ItemRow) {
  for (const impl of await publishedImplementationsOf(db, item.id)) await indexImplementation(db, impl, item);
}
