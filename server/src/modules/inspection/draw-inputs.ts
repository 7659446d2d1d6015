import { promisify } from 'node:util';
import { constants as zlibConstants, gunzipSync, gzip } from 'node:zlib';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { HeldBody } from '../../platform/http/content-encoding.ts';
import { verifyDraw, type DrawHashes, type DrawInputs } from './draw.ts';
import { drawInputsRepo } from './draw-inputs-repository.ts';
import { drawRepo, type DrawRow } from './draw-repository.ts';

// The disclosed inputs of a drawn draw (docs/inspection.md): how they are stored, in three forms,
// and read back as one document anyone can re-run.

const gzipAsync = promisify(gzip);

export type InputsDocument = DrawInputs & { drawId: string; commitment: string; hashes: DrawHashes };

type DocumentHead = { drawId: string; commitment: string; seed: string; hashes: DrawHashes; inputs: Omit<DrawInputs, 'seed' | 'entities'> };

/** The inputs document without `entities` (JSON): what is stored at draw time, the pool beside it. */
export function documentHead(doc: DocumentHead): string {
  const { inputs } = doc;
  return JSON.stringify({
    drawId: doc.drawId,
    algorithm: inputs.algorithm,
    seed: doc.seed,
    commitment: doc.commitment,
    hashes: doc.hashes,
    params: inputs.params,
    inspectors: inputs.inspectors,
    exclusions: inputs.exclusions,
  });
}

/**
 * The disclosed inputs document (JSON): the head with `entities`, the canonical text as a JSON
 * string, so a million-entity pool is written without an object per entity.
 */
function documentText(head: string, text: string): string {
  // The entity lines hold no quote or backslash (EntityPool refuses neither, so escape them if present).
  const body = /["\\\u0000-\u0009\u000b-\u001f]/.test(text) ? JSON.stringify(text) : `"${text.replaceAll('\n', '\\n')}"`;
  return `${head.slice(0, -1)},"entities":${body}}`;
}

/**
 * The stored inputs of a drawn draw: the gzip document (`complete`); or, before compaction, the
 * document without entities plus the pool text (`split`); or the pools of a draw stored before the
 * document held the seed and hashes (`legacy`). Read in one statement, so a compaction in between
 * cannot mix the forms.
 */
async function storedInputs(ctx: Ctx, drawId: string): Promise<{ draw: DrawRow; gz: Buffer; form: 'complete' | 'split' | 'legacy'; entities: string | null }> {
  const db = ctx.database.db;
  const draw = await drawRepo.find(db, drawId);
  if (!draw) throw notFound('inspection_draw', drawId);
  const stored = await drawInputsRepo.find(db, drawId);
  if (!stored || !draw.seed || !draw.hashes) throw new AppError('workflow.action_not_allowed', { detail: 'this draw has not been run' });
  if (stored.entities !== null) return { draw, gz: stored.gz, form: 'split', entities: stored.entities };
  // Documents written before the seed and hashes were stored with the pools start with `{"algorithm"`.
  const head = gunzipSync(stored.gz.subarray(0, 512), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8');
  return { draw, gz: stored.gz, form: head.startsWith('{"drawId"') ? 'complete' : 'legacy', entities: null };
}

function legacyDocument(draw: DrawRow, gz: Buffer): InputsDocument {
  const inputs = JSON.parse(gunzipSync(gz).toString('utf8')) as Omit<DrawInputs, 'seed'>;
  return { drawId: draw.id, commitment: draw.commitment, hashes: draw.hashes as unknown as DrawHashes, ...inputs, seed: draw.seed! };
}

/**
 * The document as bytes for `GET …/draws/{id}/inputs`: the stored gzip as it is (complete form), or
 * put together (split form: not yet compacted; legacy form) as plain JSON. The route sends either
 * the way the client takes it.
 */
export async function drawInputsBody(ctx: Ctx, drawId: string): Promise<HeldBody> {
  const { draw, gz, form, entities: text } = await storedInputs(ctx, drawId);
  if (form === 'complete') return { encoding: 'gzip', body: gz };
  const doc = form === 'split' ? documentText(gunzipSync(gz).toString('utf8'), text!) : JSON.stringify(legacyDocument(draw, gz));
  return { encoding: 'identity', body: Buffer.from(doc, 'utf8') };
}

/** The pools as drawn plus the revealed seed: a complete DrawInputs anyone can re-run. */
export async function publicDrawInputs(ctx: Ctx, drawId: string): Promise<InputsDocument> {
  const { draw, gz, form, entities } = await storedInputs(ctx, drawId);
  if (form === 'split') return { ...(JSON.parse(gunzipSync(gz).toString('utf8')) as Omit<InputsDocument, 'entities'>), entities: entities! };
  return form === 'complete' ? (JSON.parse(gunzipSync(gz).toString('utf8')) as InputsDocument) : legacyDocument(draw, gz);
}

/** `yiwang draw verify`: re-runs from the stored inputs (or a file of them) and compares. */
export function verifyInputs(data: DrawInputs & { commitment: string; hashes: DrawHashes }) {
  return verifyDraw(data, { commitment: data.commitment, hashes: data.hashes });
}

/**
 * After the draw's commit, off its critical path: the whole document is gzipped once and stored,
 * and the separate pool row removed. Until then (or if this never runs) the document is put together
 * from the two rows when asked for; the content is the same either way.
 */
export async function compactDrawInputs(ctx: Ctx, drawId: string, known?: { head: string; text: string }): Promise<void> {
  let doc = known;
  if (!doc) {
    const row = await drawInputsRepo.find(ctx.database.db, drawId);
    if (!row || row.entities === null) return;
    doc = { head: gunzipSync(row.gz).toString('utf8'), text: row.entities };
  }
  const gz = await gzipAsync(Buffer.from(documentText(doc.head, doc.text), 'utf8'), { level: 1 });
  await drawInputsRepo.compact(ctx.database.db, drawId, gz);
}

/**
 * Job: compacts the inputs of draws still in two rows some time after they were drawn (the drawing
 * process stopped before its own compaction). Answers how many draws it looked at.
 */
export async function compactPendingDrawInputs(ctx: Ctx, minAgeSeconds = 600): Promise<number> {
  const pending = await drawInputsRepo.pendingCompaction(ctx.database.db, new Date(Date.now() - minAgeSeconds * 1000));
  for (const id of pending) await compactDrawInputs(ctx, id);
  return pending.length;
}
