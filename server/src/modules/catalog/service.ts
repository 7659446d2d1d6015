/**
 * The catalog's use cases, one file each (this file only gathers them for routes and tests):
 * - public: search and browse (search-service.ts), published guides and versions (published-guides.ts);
 * - workbench reads (workbench.ts);
 * - commands (commands/): create an item or an implementation, drafts (start, save, submit, reject),
 *   publish, suspend / resume / abolish;
 * - the three lists (lists.ts), the xlsx workbook (excel.ts).
 * Data access is in repository.ts and lists-repository.ts; the life cycles in lifecycle.ts.
 */
export { searchItems, flagList, listThemes, listCsv, type PublicList } from './search-service.ts';
export { getPublishedGuide, listPublishedVersions, getApplicableVersion, type ApplicableVersion, type PublishedGuideDocument } from './published-guides.ts';
export { listForWorkbench, getForWorkbench, listBaseItems } from './workbench.ts';
export { createItem } from './commands/create-item.ts';
export { createImplementation } from './commands/create-implementation.ts';
export { startDraft, updateDraft, submitDraft, rejectSubmitted } from './commands/drafts.ts';
export { publishSubmitted } from './commands/publish.ts';
export { changeState } from './commands/change-state.ts';
export { validateGuide, feeErrors } from './guide-rules.ts';
export { indexImplementation, reindexItem } from './search-index.ts';
export { publishedFigures, type ImplementationSummary } from './presenters.ts';
export { SEARCH_CANDIDATES, BROWSE_COUNT_CAP } from './repository.ts';
export type { FieldChange } from './guide.ts';
export { blankFormPdf } from './blank-form.ts';
