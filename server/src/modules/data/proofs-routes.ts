import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageSchema } from '../../platform/db/paging.ts';
import { dataPermissions as P } from './policy.ts';
import { Proof, ProofCreate, ProofListQuery, ProofUpdate, PublicProof, createProof, deleteProof, listProofs, publicProofs, updateProof } from './proofs.ts';

const tags = ['data'];
const idParam = z.object({ id: z.string().uuid() });

/** 证明事项清单: public list, staff list and its maintenance (scoped by the item's department, audited). */
export function addProofRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/public/proofs',
    {
      config: { session: false },
      schema: {
        tags,
        summary: '证明事项清单: the proofs items still ask for, their legal basis and how each is met',
        querystring: ProofListQuery,
        response: { 200: pageSchema(PublicProof) },
      },
    },
    (req) => publicProofs(req.ctx, req.query),
  );
  r.get(
    '/api/data/proofs',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'The proof list, with what you may edit', querystring: ProofListQuery, response: { 200: pageSchema(Proof) } },
    },
    (req) => listProofs(req.ctx, req.query),
  );
  r.post(
    '/api/data/proofs',
    { config: { permission: P.proof, idempotent: true }, schema: { tags, summary: 'List a proof of an item', body: ProofCreate, response: { 201: Proof } } },
    async (req, reply) => reply.status(201).send(await createProof(req.ctx, req.body)),
  );
  r.patch(
    '/api/data/proofs/:id',
    {
      config: { permission: P.proof },
      schema: { tags, summary: 'Change how a proof is met (or its basis)', params: idParam, body: ProofUpdate, response: { 200: Proof } },
    },
    (req) => updateProof(req.ctx, req.params.id, req.body),
  );
  r.delete(
    '/api/data/proofs/:id',
    { config: { permission: P.proof }, schema: { tags, summary: 'Take a proof off the list', params: idParam, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteProof(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
