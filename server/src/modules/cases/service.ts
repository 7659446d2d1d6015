// The cases module's use cases, one file each; this file only gathers them for routes.ts and index.ts.
export { loadWorkflow, workflowView, saveWorkflow, bindWorkflow } from './workflows.ts';
export { submitCase } from './submit.ts';
export { getCase, transferCandidates } from './read.ts';
export { listCases, todo, publicDisclosure } from './lists.ts';
export { lightCounts, casesByLight, findCaseFacts } from './supervision-read.ts';
export { actOnCase } from './actions/act.ts';
export { refreshCaseLights, expireOverdueCases } from './supervision.ts';
export { uploadMaterial, caseFile } from './uploads.ts';
export { saveDraft, getDraft, listDrafts, deleteDraft } from './drafts.ts';
