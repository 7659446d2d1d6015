import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageSchema, pageQuerySchema } from '../../platform/db/paging.ts';
import { orgPermissions } from './policy.ts';
import * as org from './service.ts';
import {
  Department,
  DepartmentCreate,
  DepartmentListQuery,
  DepartmentUpdate,
  Region,
  RegionCreate,
  RegionListQuery,
  RegionUpdate,
  ServiceCenter,
  ServiceCenterCreate,
  ServiceCenterUpdate,
  ServiceWindow,
  ServiceWindowCreate,
  ServiceWindowUpdate,
} from './schemas.ts';

const tags = ['org'];
const idParam = z.object({ id: z.string().uuid() });

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  // ----- admin -----
  app.get(
    '/api/admin/regions',
    {
      config: { permission: orgPermissions.region },
      schema: { tags, summary: 'List regions', querystring: RegionListQuery, response: { 200: pageSchema(Region) } },
    },
    (req) => org.listRegions(req.ctx, req.query),
  );
  app.post(
    '/api/admin/regions',
    {
      config: { permission: orgPermissions.region, idempotent: true },
      schema: { tags, summary: 'Create a region', body: RegionCreate, response: { 201: Region } },
    },
    async (req, reply) => reply.status(201).send(await org.createRegion(req.ctx, req.body)),
  );
  app.patch(
    '/api/admin/regions/:code',
    {
      config: { permission: orgPermissions.region },
      schema: { tags, summary: 'Rename a region', params: z.object({ code: z.string() }), body: RegionUpdate, response: { 200: Region } },
    },
    (req) => org.renameRegion(req.ctx, req.params.code, req.body.name),
  );

  app.get(
    '/api/admin/departments',
    {
      config: { permission: orgPermissions.department },
      schema: { tags, summary: 'List departments in your scope', querystring: DepartmentListQuery, response: { 200: pageSchema(Department) } },
    },
    (req) => org.listDepartments(req.ctx, req.query),
  );
  app.post(
    '/api/admin/departments',
    {
      config: { permission: orgPermissions.department, idempotent: true },
      schema: { tags, summary: 'Create a department', body: DepartmentCreate, response: { 201: Department } },
    },
    async (req, reply) => reply.status(201).send(await org.createDepartment(req.ctx, req.body)),
  );
  app.patch(
    '/api/admin/departments/:id',
    {
      config: { permission: orgPermissions.department },
      schema: {
        tags,
        summary: 'Update a department (optimistic: send the version you read)',
        params: idParam,
        body: DepartmentUpdate,
        response: { 200: Department },
      },
    },
    (req) => org.updateDepartment(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/api/admin/service-centers',
    {
      config: { permission: orgPermissions.serviceCenter },
      schema: { tags, summary: 'List service centers', querystring: pageQuerySchema, response: { 200: pageSchema(ServiceCenter) } },
    },
    (req) => org.listServiceCenters(req.ctx, req.query),
  );
  app.post(
    '/api/admin/service-centers',
    {
      config: { permission: orgPermissions.serviceCenter, idempotent: true },
      schema: { tags, summary: 'Create a service center', body: ServiceCenterCreate, response: { 201: ServiceCenter } },
    },
    async (req, reply) => reply.status(201).send(await org.createServiceCenter(req.ctx, req.body)),
  );
  app.get(
    '/api/admin/service-centers/:id',
    { config: { permission: orgPermissions.serviceCenter }, schema: { tags, summary: 'A service center', params: idParam, response: { 200: ServiceCenter } } },
    (req) => org.getServiceCenter(req.ctx, req.params.id),
  );
  app.get(
    '/api/public/department-kinds',
    {
      schema: {
        tags,
        summary: 'Department function codes in use (scjg, rsj, …)',
        response: { 200: z.array(z.object({ kind: z.string(), example: z.string() })) },
      },
    },
    (req) => org.listDepartmentKinds(req.ctx),
  );
  app.patch(
    '/api/admin/service-centers/:id',
    {
      config: { permission: orgPermissions.serviceCenter },
      schema: { tags, summary: 'Update a service center', params: idParam, body: ServiceCenterUpdate, response: { 200: ServiceCenter } },
    },
    (req) => org.updateServiceCenter(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/admin/service-centers/:id/windows',
    {
      config: { permission: orgPermissions.serviceCenter },
      schema: { tags, summary: 'List the windows of a service center', params: idParam, response: { 200: z.array(ServiceWindow) } },
    },
    (req) => org.listWindows(req.ctx, req.params.id),
  );
  app.post(
    '/api/admin/service-centers/:id/windows',
    {
      config: { permission: orgPermissions.serviceCenter, idempotent: true },
      schema: { tags, summary: 'Add a window', params: idParam, body: ServiceWindowCreate, response: { 201: ServiceWindow } },
    },
    async (req, reply) => reply.status(201).send(await org.createWindow(req.ctx, req.params.id, req.body)),
  );
  app.patch(
    '/api/admin/windows/:id',
    {
      config: { permission: orgPermissions.serviceCenter },
      schema: { tags, summary: 'Update a window', params: idParam, body: ServiceWindowUpdate, response: { 200: ServiceWindow } },
    },
    (req) => org.updateWindow(req.ctx, req.params.id, req.body),
  );

  // ----- public (no personal data) -----
  app.get('/api/public/regions', { schema: { tags, summary: 'Browse regions', querystring: RegionListQuery, response: { 200: pageSchema(Region) } } }, (req) =>
    org.listRegions(req.ctx, req.query, { public: true }),
  );
  app.get(
    '/api/public/departments',
    { schema: { tags, summary: 'Browse departments', querystring: DepartmentListQuery, response: { 200: pageSchema(Department) } } },
    (req) => org.listDepartments(req.ctx, req.query, { public: true }),
  );
  app.get(
    '/api/public/service-centers',
    { schema: { tags, summary: 'Service halls, addresses and hours', querystring: pageQuerySchema, response: { 200: pageSchema(ServiceCenter) } } },
    (req) => org.listServiceCenters(req.ctx, req.query, { public: true }),
  );
};
